/**
 * The bare-Fastify ceiling of the load test: Fastify 5 with no plugins, no logger, no database,
 * answering GET /ping with a small JSON, in a process of its own (like Maillon's server).
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
