// The native baseline of BM_Matmul (bench/dispatch_bench.cpp): the kernel's
// loop nest (i, k, j over n x n f32 row-major matrices) as plain C++, built
// at -O2 (bench/CMakeLists.txt), run on one thread.
void native_matmul_o2(const float* a, const float* b, float* c, int n) {
  for (int i = 0; i < n; ++i) {
    float* row = c + static_cast<long>(i) * n;
    for (int j = 0; j < n; ++j) row[j] = 0.0f;
    for (int k = 0; k < n; ++k) {
      float av = a[static_cast<long>(i) * n + k];
      const float* brow = b + static_cast<long>(k) * n;
      for (int j = 0; j < n; ++j) row[j] = __builtin_fmaf(av, brow[j], row[j]);
    }
  }
}
