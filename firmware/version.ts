// The version is injected by esbuild at build time; under tsx (tests) it reads "dev".
declare const __CONCLAVE_VERSION__: string | undefined;
export const SOFTWARE_VERSION: string = typeof __CONCLAVE_VERSION__ === 'string' ? __CONCLAVE_VERSION__ : 'dev';
