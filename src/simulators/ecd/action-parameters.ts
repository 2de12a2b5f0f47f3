import { gatewayErrors } from './api-error';

/** Typed access to an action's request parameters, raising ECD's errors for bad values. */
export class ActionParameters {
  constructor(private readonly values: Record<string, string>) {}

  /** Returns the value, raising `Missing<Name>` when it is absent or empty. */
  required(name: string): string {
    const value = this.values[name];
    if (value === undefined || value === '') {
      throw gatewayErrors.missingParameter(name);
    }
    return value;
  }

  optional(name: string): string | undefined {
    const value = this.values[name];
    return value === '' ? undefined : value;
  }

  /** Returns a repeated parameter sent as `Name.1`, `Name.2`, ... up to the first gap. */
  list(name: string): string[] {
    const items: string[] = [];
    for (let index = 1; this.values[`${name}.${index}`] !== undefined; index += 1) {
      items.push(this.values[`${name}.${index}`]);
    }
    return items;
  }

  /** Returns a whole number within the bounds, or the default when the parameter is absent. */
  integer(name: string, bounds: { min: number; max: number; defaultValue: number }): number {
    const raw = this.optional(name);
    if (raw === undefined) {
      return bounds.defaultValue;
    }

    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < bounds.min || value > bounds.max) {
      throw gatewayErrors.invalidParameter(
        name,
        `${raw} must be a whole number from ${bounds.min} to ${bounds.max}.`,
      );
    }
    return value;
  }
}
