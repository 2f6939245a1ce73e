import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = (name: string): string => fileURLToPath(new URL(`./libs/${name}/src/index.ts`, import.meta.url));
const libs = ['common', 'persistence', 'screening', 'rules', 'decisions', 'alerts', 'access', 'queue', 'reports'];

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: { alias: Object.fromEntries(libs.map((name) => [`@app/${name}`, lib(name)])) },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['{apps,libs}/**/*.spec.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.{int-spec,e2e-spec}.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
