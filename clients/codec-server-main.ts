// Runs the codec server (`make codec-server`); point the Web UI at it with `--ui-codec-endpoint`, the CLI with `--codec-endpoint` and `--codec-auth`.
import { loadConfig, codecServerConfigSchema, ConfigError } from '../infra/config';
import { createDataConverter } from '../infra/data-converter';
import { createLogger } from '../infra/logger';
import { createCodecServerApp } from './codec-server';

async function main(): Promise<void> {
  const config = loadConfig(codecServerConfigSchema);
  if (config.PAYLOAD_ENCRYPTION === 'off') {
    throw new ConfigError('Invalid configuration:\n  PAYLOAD_ENCRYPTION_KEYS: missing (the codec server decodes with the key; PAYLOAD_ENCRYPTION=off leaves it nothing to do)');
  }
  const codec = createDataConverter(config).payloadCodecs?.[0];
  if (!codec) throw new ConfigError('Invalid configuration:\n  PAYLOAD_ENCRYPTION_KEYS: missing (the codec server needs the key)');
  const logger = createLogger('codec-server', config.LOG_LEVEL);
  const authOff = config.CODEC_SERVER_AUTH === 'off';
  if (authOff) logger.warn('CODEC_SERVER_AUTH=off: anyone who reaches this port can decrypt every payload');
  const app = createCodecServerApp({
    codec,
    allowedOrigins: config.CODEC_CORS_ORIGINS,
    tokens: authOff ? null : config.CODEC_SERVER_TOKENS,
    pathTokens: config.CODEC_SERVER_PATH_TOKENS === 'on',
    // Who decoded what, by token name: the audit trail of a server that hands out plaintext.
    onRequest: (event) => (event.status === 200 ? logger.debug(event, 'codec request') : logger.warn(event, 'codec request refused')),
  });
  const server = app.listen(config.CODEC_SERVER_PORT, config.CODEC_SERVER_HOST, () => {
    const host = config.CODEC_SERVER_HOST.includes(':') ? `[${config.CODEC_SERVER_HOST}]` : config.CODEC_SERVER_HOST;
    console.log(
      JSON.stringify({
        ready: true,
        url: `http://${host}:${config.CODEC_SERVER_PORT}`,
        auth: authOff ? 'off' : 'bearer',
        callers: authOff ? [] : config.CODEC_SERVER_TOKENS.map((t) => t.name),
      }),
    );
  });
  server.once('error', (err) => {
    console.error(`codec server cannot listen on ${config.CODEC_SERVER_HOST}:${config.CODEC_SERVER_PORT}: ${err.message}`);
    process.exit(1);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
