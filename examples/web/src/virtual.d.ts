// Modules the build (examples/web/build.ts) provides.
declare module "nongan:csv-columns" {
  /** `@nongan/cli/Input`'s CSV_COLUMNS, written in at build time. */
  export const CSV_COLUMNS: Readonly<Record<string, string>>
}
