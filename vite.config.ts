import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));

/**
 * The web UI is served by the Fastify server from dist/web (SPA fallback, CSP `script-src 'self'`).
 * In development, `npx vite` serves web/ and proxies /api to a server on :8080.
 */
/**
 * A build is always a production build, also when a test runner that set NODE_ENV=test starts it
 * (React and antd would otherwise ship their development code, and antd its fixed test ids).
 * Vite reads NODE_ENV after loading this file; it is put back when the build ends, because the
 * e2e global setup builds inside the test runner's own process.
 */
function productionNodeEnv(command: string): Plugin[] {
  if (command !== 'build') return [];
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const restore = () => {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  };
  return [
    {
      name: 'border-cooperation:restore-node-env',
      apply: 'build',
      buildEnd(error) {
        if (error) restore();
      },
      closeBundle: restore,
    },
  ];
}

export default defineConfig(({ command }) => ({
  root: webRoot,
  base: '/',
  plugins: [...productionNodeEnv(command), react()],
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        changeOrigin: false,
        // web/api/*.ts are this app's own modules, served by Vite, not the server's API.
        bypass: (req) => (/\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // No inline <script>: the CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Vendor code in a few stable chunks; pages come as route-level lazy chunks.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 40 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 30 },
            // Charts are the analysis page's alone: their own chunk, loaded with that page, not at login.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 28 },
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            { name: 'rc', test: /node_modules[\\/]@rc-component[\\/]/, priority: 22 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|dayjs|@babel[\\/]runtime|clsx|classnames)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
}));
