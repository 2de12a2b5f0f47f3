import { ECD_ACTIONS, type ActionContext } from './actions';
import { ActionParameters } from './action-parameters';
import { EcdApiError, gatewayErrors, toErrorBody } from './api-error';
import type { Authentication, Authenticator } from './authentication';
import { failureResponse, type FailureQueue } from './failures';
import { headerValue, mergedParameters, type ReceivedRequest } from './received-request';
import { isEcdRegion, regionEndpoint } from './regions';
import { jsonReply, newRequestId, type Reply } from './reply';
import { RPC_SIGNATURE_PARAMETERS } from './signature-v1';
import type { CallRecord, Failure } from './types';

export const ECD_API_VERSION = '2020-09-30';

/** HostId in error bodies when the request names no known region. */
const DEFAULT_HOST_ID = 'ecd.aliyuncs.com';

export interface CallHandlerDependencies {
  authenticator: Authenticator;
  failures: FailureQueue;
  clock: () => Date;
  /** Stores the record. The handler keeps updating its outcome until the reply is delivered. */
  record: (call: CallRecord) => void;
  createContext: (parameters: ActionParameters) => ActionContext;
}

/** The parts of a call that decide its response, read once from the request. */
interface Call {
  request: ReceivedRequest;
  action: string;
  version?: string;
  /** Business parameters, without the HMAC-SHA1 signature parameters. */
  parameters: Record<string, string>;
  authentication: Authentication;
  requestId: string;
  hostId: string;
  record: CallRecord;
}

/** A JSON response from the gateway or an action. */
interface Execution {
  status: number;
  body: unknown;
  code?: string;
  actionRan: boolean;
}

/** Records a request, applies any injected failure, and otherwise runs the action. */
export function handleCall(request: ReceivedRequest, dependencies: CallHandlerDependencies): Reply {
  const call = describeCall(request, dependencies);
  dependencies.record(call.record);

  const failure = dependencies.failures.take(call.action);
  if (!failure) {
    return deliver(call, execute(call, dependencies));
  }
  if (failure.kind === 'timeout') {
    return holdReply(call, failure, dependencies);
  }

  if (failure.afterAction) {
    execute(call, dependencies);
  }
  const { reply, code } = failureResponse(failure, call.requestId, call.hostId);
  call.record.outcome = {
    httpStatus: reply.kind === 'send' ? reply.status : undefined,
    code,
    injected: failure.kind,
    actionRan: call.record.outcome.actionRan,
  };
  return reply;
}

function describeCall(request: ReceivedRequest, dependencies: CallHandlerDependencies): Call {
  const merged = mergedParameters(request);
  const authentication = dependencies.authenticator.authenticate(request);

  // An HMAC-SHA1 signature covers the Action and Version parameters but no header, so only those
  // parameters may choose the action. Otherwise the signed x-acs-* headers do.
  const rpcSigned = authentication.scheme === 'HMAC-SHA1';
  const actionHeader = rpcSigned ? undefined : headerValue(request.headers, 'x-acs-action');
  const versionHeader = rpcSigned ? undefined : headerValue(request.headers, 'x-acs-version');
  const action = actionHeader ?? merged.Action ?? '';
  const version = versionHeader ?? merged.Version;
  const parameters = rpcSigned ? withoutRpcSignatureParameters(merged) : merged;
  const requestId = newRequestId();

  const record: CallRecord = {
    action,
    params: parameters,
    accessKeyId: authentication.accessKeyId,
    securityToken: authentication.securityToken,
    signatureValid: authentication.signatureValid,
    at: dependencies.clock(),
    requestId,
    outcome: { actionRan: false },
  };
  const regionId = parameters.RegionId ?? '';
  const hostId = isEcdRegion(regionId) ? regionEndpoint(regionId) : DEFAULT_HOST_ID;

  return { request, action, version, parameters, authentication, requestId, hostId, record };
}

/** Holds the reply back: forever without `ms`, otherwise until `ms` has passed. */
function holdReply(
  call: Call,
  failure: Failure & { kind: 'timeout' },
  dependencies: CallHandlerDependencies,
): Reply {
  const early = failure.afterAction ? execute(call, dependencies) : undefined;
  call.record.outcome = { injected: 'timeout', actionRan: call.record.outcome.actionRan };
  if (failure.ms === undefined) {
    return { kind: 'hang' };
  }

  return {
    kind: 'delay',
    ms: failure.ms,
    next: () => {
      const reply = deliver(call, early ?? execute(call, dependencies));
      call.record.outcome.injected = 'timeout';
      return reply;
    },
  };
}

/** Applies the gateway's checks in order (action, version, signature), then runs the action. */
function execute(call: Call, dependencies: CallHandlerDependencies): Execution {
  try {
    const handler = call.request.path === '/' ? ECD_ACTIONS[call.action] : undefined;
    if (!handler) {
      throw gatewayErrors.actionNotFound(call.action);
    }
    if (call.version !== ECD_API_VERSION) {
      throw gatewayErrors.invalidVersion(call.version ?? '(none)');
    }
    if (call.authentication.error) {
      throw call.authentication.error;
    }

    call.record.outcome.actionRan = true;
    const body = handler(dependencies.createContext(new ActionParameters(call.parameters)));
    return { status: 200, body: { RequestId: call.requestId, ...body }, actionRan: true };
  } catch (error) {
    const apiError = error instanceof EcdApiError ? error : unexpectedError(error);
    const body = toErrorBody(apiError, call.requestId, call.hostId);
    return {
      status: apiError.status,
      body,
      code: apiError.code,
      actionRan: call.record.outcome.actionRan,
    };
  }
}

function deliver(call: Call, execution: Execution): Reply {
  call.record.outcome = {
    httpStatus: execution.status,
    code: execution.code,
    actionRan: execution.actionRan,
  };
  return jsonReply(execution.status, execution.body, call.requestId);
}

function withoutRpcSignatureParameters(parameters: Record<string, string>): Record<string, string> {
  const entries = Object.entries(parameters).filter(
    ([name]) => !RPC_SIGNATURE_PARAMETERS.includes(name),
  );
  return Object.fromEntries(entries);
}

/** Turns a bug in the simulator into an InternalError body that names it, rather than a hang. */
function unexpectedError(error: unknown): EcdApiError {
  const internal = gatewayErrors.internalError();
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return new EcdApiError(
    internal.status,
    internal.code,
    `${internal.message} Simulator error: ${detail}`,
  );
}
