// Entry of the WebAssembly kernel module (built by `npm run build:wasm`). It uses no
// runtime allocator: JavaScript owns the imported memory and passes byte offsets.
export { macroKernel } from './gemm';
export { packDepthMajor, packLaneMajor } from './pack';
export { addRowVector, columnSums, multiply, reluBackward, reluForward } from './elementwise';
export { adamStep, momentumStep, scaledStep } from './update';
export { argmaxRows, gatherRows } from './rows';
export { crossEntropy } from './loss';
export { fmaPeak } from './peak';
