// The macro-kernel of the blocked matrix product (../wasm/assembly/gemm.ts) in native
// code, for the one thing WebAssembly cannot do: vectors wider than 128 bits. It reads
// the same packed strips (A in strips of 4 rows, B in strips of 8 columns, both in the
// kernel memory the WebAssembly builds share) and computes every element of C exactly as
// the relaxed-SIMD build does: a sum that starts at zero and takes one fused multiply-add
// per depth step, in order, then C + sum (unless overwriting), + bias, then max(0, ·).
// Lanes never mix, so the width of the vectors changes the speed and not one bit.
//
// Two instruction sets, chosen at load: AVX-512 (32 registers: 12×16 tiles on 512-bit
// vectors, two strips of B side by side) and AVX2 with FMA (16 registers: 12×8 tiles).
// Without either (or off x86-64) the module says so and the WebAssembly kernels run.
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define SKEWTUNE_X86 1
#endif

namespace {

/** Rows per strip of packed A and columns per strip of packed B (../wasm/gemm.ts). */
constexpr int MR = 4;
constexpr int NR = 8;

/** One call's operands: byte offsets already turned into pointers into the kernel memory. */
struct Call {
  int rows, cols, depth;
  const float* ap;
  const float* bp;
  float* c;
  ptrdiff_t ldc;
  bool overwrite;
  const float* bias;  // null for none; else bias[j] is column j's
  bool relu;
};

/** The epilogue of one element, in the order the WebAssembly kernels apply it. */
inline float finish(const Call& k, const float* to, float sum, int j) {
  float value = k.overwrite ? sum : *to + sum;
  if (k.bias) value = value + k.bias[j];
  if (k.relu) value = value > 0 ? value : 0;
  return value;
}

#ifdef SKEWTUNE_X86

/**
 * A tile of RS strips of A (4·RS rows) by one strip of B (8 columns) on 256-bit vectors.
 * `h` rows and `w` columns of it are valid; a full tile is finished in vectors, an edge
 * tile through a scratch tile and `finish`.
 */
template <int RS>
__attribute__((target("avx2,fma"))) inline void tile8(const Call& k, int i, int j, int h, int w) {
  const ptrdiff_t stripA = static_cast<ptrdiff_t>(k.depth) * MR;
  const float* a = k.ap + (i / MR) * stripA;
  const float* b = k.bp + (j / NR) * static_cast<ptrdiff_t>(k.depth) * NR;
  __m256 acc[RS * MR];
  for (int r = 0; r < RS * MR; r++) acc[r] = _mm256_setzero_ps();
  for (int p = 0; p < k.depth; p++) {
    const __m256 bv = _mm256_loadu_ps(b + p * NR);
#pragma GCC unroll 4
    for (int s = 0; s < RS; s++) {
      const float* ar = a + s * stripA + p * MR;
#pragma GCC unroll 4
      for (int r = 0; r < MR; r++) acc[s * MR + r] = _mm256_fmadd_ps(_mm256_broadcast_ss(ar + r), bv, acc[s * MR + r]);
    }
  }
  float* c = k.c + i * k.ldc + j;
  if (h == RS * MR && w == NR) {
    const __m256 bias = k.bias ? _mm256_loadu_ps(k.bias + j) : _mm256_setzero_ps();
    for (int r = 0; r < RS * MR; r++) {
      __m256 v = k.overwrite ? acc[r] : _mm256_add_ps(_mm256_loadu_ps(c + r * k.ldc), acc[r]);
      if (k.bias) v = _mm256_add_ps(v, bias);
      // maxps returns its second operand when either is NaN or both are zero: NaN and −0 → +0, as x > 0 ? x : 0.
      if (k.relu) v = _mm256_max_ps(v, _mm256_setzero_ps());
      _mm256_storeu_ps(c + r * k.ldc, v);
    }
    return;
  }
  alignas(32) float scratch[RS * MR][NR];
  for (int r = 0; r < RS * MR; r++) _mm256_store_ps(scratch[r], acc[r]);
  for (int r = 0; r < h; r++)
    for (int q = 0; q < w; q++) c[r * k.ldc + q] = finish(k, c + r * k.ldc + q, scratch[r][q], j + q);
}

/** As `tile8`, over two adjacent strips of B (16 columns) on 512-bit vectors. */
template <int RS>
__attribute__((target("avx512f,avx2,fma"))) inline void tile16(const Call& k, int i, int j, int h, int w) {
  const ptrdiff_t stripA = static_cast<ptrdiff_t>(k.depth) * MR;
  const ptrdiff_t stripB = static_cast<ptrdiff_t>(k.depth) * NR;
  const float* a = k.ap + (i / MR) * stripA;
  const float* b = k.bp + (j / NR) * stripB;
  __m512 acc[RS * MR];
  for (int r = 0; r < RS * MR; r++) acc[r] = _mm512_setzero_ps();
  for (int p = 0; p < k.depth; p++) {
    const __m512 bv = _mm512_castpd_ps(_mm512_insertf64x4(
        _mm512_castps_pd(_mm512_castps256_ps512(_mm256_loadu_ps(b + p * NR))), _mm256_castps_pd(_mm256_loadu_ps(b + stripB + p * NR)), 1));
#pragma GCC unroll 4
    for (int s = 0; s < RS; s++) {
      const float* ar = a + s * stripA + p * MR;
#pragma GCC unroll 4
      for (int r = 0; r < MR; r++) acc[s * MR + r] = _mm512_fmadd_ps(_mm512_set1_ps(ar[r]), bv, acc[s * MR + r]);
    }
  }
  float* c = k.c + i * k.ldc + j;
  if (h == RS * MR && w == 2 * NR) {
    const __m512 bias = k.bias ? _mm512_loadu_ps(k.bias + j) : _mm512_setzero_ps();
    for (int r = 0; r < RS * MR; r++) {
      __m512 v = k.overwrite ? acc[r] : _mm512_add_ps(_mm512_loadu_ps(c + r * k.ldc), acc[r]);
      if (k.bias) v = _mm512_add_ps(v, bias);
      if (k.relu) v = _mm512_max_ps(v, _mm512_setzero_ps());
      _mm512_storeu_ps(c + r * k.ldc, v);
    }
    return;
  }
  alignas(64) float scratch[RS * MR][2 * NR];
  for (int r = 0; r < RS * MR; r++) _mm512_store_ps(scratch[r], acc[r]);
  for (int r = 0; r < h; r++)
    for (int q = 0; q < w; q++) c[r * k.ldc + q] = finish(k, c + r * k.ldc + q, scratch[r][q], j + q);
}

/** One column panel (a strip or two of B) down all rows: 12-row tiles, then one of 4 or 8 for the rest. */
template <bool Wide>
inline void panel(const Call& k, int j, int w) {
  int i = 0;
  for (; i + 3 * MR <= k.rows; i += 3 * MR) Wide ? tile16<3>(k, i, j, 3 * MR, w) : tile8<3>(k, i, j, 3 * MR, w);
  const int h = k.rows - i;
  if (h == 0) return;
  const int strips = (h + MR - 1) / MR;
  if (strips == 1) Wide ? tile16<1>(k, i, j, h, w) : tile8<1>(k, i, j, h, w);
  else if (strips == 2) Wide ? tile16<2>(k, i, j, h, w) : tile8<2>(k, i, j, h, w);
  else Wide ? tile16<3>(k, i, j, h, w) : tile8<3>(k, i, j, h, w);
}

// Column panels outside, row tiles inside: the panel of B stays in L1 while packed A streams from L2.
void run512(const Call& k) {
  int j = 0;
  for (; j + NR < k.cols; j += 2 * NR) panel<true>(k, j, k.cols - j < 2 * NR ? k.cols - j : 2 * NR);
  if (j < k.cols) panel<false>(k, j, k.cols - j);
}

void run256(const Call& k) {
  for (int j = 0; j < k.cols; j += NR) panel<false>(k, j, k.cols - j < NR ? k.cols - j : NR);
}

#endif

/** The instruction set this CPU gives the kernel: "avx512", "avx2" or "" for none. */
const char* isa() {
#ifdef SKEWTUNE_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")) return "avx512";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "avx2";
#endif
  return "";
}

napi_value fail(napi_env env, const char* message) {
  napi_throw_range_error(env, nullptr, message);
  return nullptr;
}

/**
 * macroKernel(memory, rows, cols, depth, ap, bp, c, ldc, overwrite, tile, bias, relu): the
 * WebAssembly export of the same name with the kernel memory's ArrayBuffer in front (`tile`
 * is unused here, kept so the arguments line up). Every range it will touch is checked
 * against the buffer first, so a wrong offset throws instead of writing outside it.
 */
napi_value macroKernel(napi_env env, napi_callback_info info) {
  size_t argc = 12;
  napi_value argv[12];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 12) return fail(env, "macroKernel takes 12 arguments");
  void* base = nullptr;
  size_t length = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &base, &length) != napi_ok) return fail(env, "macroKernel: the first argument must be an ArrayBuffer");
  int64_t v[11];
  for (int n = 0; n < 11; n++) {
    if (napi_get_value_int64(env, argv[n + 1], &v[n]) != napi_ok) return fail(env, "macroKernel: arguments 2-12 must be numbers");
  }
  const int64_t rows = v[0], cols = v[1], depth = v[2], ap = v[3], bp = v[4], c = v[5], ldc = v[6], bias = v[9];
  if (rows < 0 || cols < 0 || depth < 0 || ldc < cols || ap < 0 || bp < 0 || c < 0 || bias < 0 || ((ap | bp | c | bias) & 3)) {
    return fail(env, "macroKernel: a negative size, a misaligned offset or ldc < cols");
  }
  if (rows == 0 || cols == 0) return nullptr;
  const int64_t bytes = static_cast<int64_t>(length);
  const int64_t stripsA = (rows + MR - 1) / MR, stripsB = (cols + NR - 1) / NR;
  const bool inside = ap + stripsA * depth * MR * 4 <= bytes && bp + stripsB * depth * NR * 4 <= bytes &&
                      c + ((rows - 1) * ldc + cols) * 4 <= bytes && (bias == 0 || bias + cols * 4 <= bytes);
  if (!inside) return fail(env, "macroKernel: an operand lies outside the kernel memory");
  char* memory = static_cast<char*>(base);
  const Call k{static_cast<int>(rows), static_cast<int>(cols), static_cast<int>(depth),
               reinterpret_cast<const float*>(memory + ap), reinterpret_cast<const float*>(memory + bp),
               reinterpret_cast<float*>(memory + c), static_cast<ptrdiff_t>(ldc), v[7] != 0,
               bias ? reinterpret_cast<const float*>(memory + bias) : nullptr, v[10] != 0};
#ifdef SKEWTUNE_X86
  static const char* const set = isa();
  if (set[0] == 'a' && set[3] == '5') run512(k);
  else if (set[0] == 'a') run256(k);
  else return fail(env, "macroKernel: this CPU has neither AVX-512 nor AVX2 with FMA");
#else
  return fail(env, "macroKernel: built for a CPU other than x86-64");
#endif
  return nullptr;
}

napi_value init(napi_env env, napi_value exports) {
  napi_value fn, name;
  napi_create_function(env, "macroKernel", NAPI_AUTO_LENGTH, macroKernel, nullptr, &fn);
  napi_set_named_property(env, exports, "macroKernel", fn);
  napi_create_string_utf8(env, isa(), NAPI_AUTO_LENGTH, &name);
  napi_set_named_property(env, exports, "isa", name);
  return exports;
}

}  // namespace

NAPI_MODULE_INIT() { return init(env, exports); }
