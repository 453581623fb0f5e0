// Runs the codec server (`make codec-server`); point the Web UI at it with `--ui-codec-endpoint` or its settings.
import { loadConfig, codecServerConfigSchema, ConfigError } from '../infra/config';
import { createDataConverter } from '../infra/data-converter';
import { createCodecServerApp } from './codec-server';

async function main(): Promise<void> {
  const config = loadConfig(codecServerConfigSchema);
  const codec = createDataConverter(config)?.payloadCodecs?.[0];
  if (!codec) throw new ConfigError('Invalid configuration:\n  PAYLOAD_ENCRYPTION_KEYS: missing (the codec server needs the key)');
  const app = createCodecServerApp(codec, config.CODEC_CORS_ORIGINS);
  const server = app.listen(config.CODEC_SERVER_PORT, config.CODEC_SERVER_HOST, () => {
    console.log(JSON.stringify({ ready: true, url: `http://${config.CODEC_SERVER_HOST}:${config.CODEC_SERVER_PORT}` }));
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
