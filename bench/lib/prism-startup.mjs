/**
 * One Prism start-up in a fresh process, the reference of the contract bench: imports the built
 * `startPrism` (argv[2]: its module URL), starts a dynamic mock of the spec argv[3] in-process as
 * the contract suite does, and closes it. Plain JavaScript: `node` runs it with no loader.
 */
const [moduleUrl, specFile] = process.argv.slice(2);
const { startPrism } = await import(moduleUrl);
const server = await startPrism({ specFile, mode: "dynamic" });
await server.close();
