import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startRuntime, StartupError } from './runtime';

/** Starts the app; a bad setting ends it with exit code 1 and one line per problem on stderr. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${problem}\n`);
    process.exit(1);
  }

  const log = createLogger(config.logLevel);
  try {
    const runtime = await startRuntime(config, { log });
    const shutdown = (signal: string) => {
      log.info({ signal }, 'stopping');
      runtime.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}\n`);
});

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
