// The native baselines of BM_Matmul (bench/dispatch_bench.cpp): the kernel's
// loop nest (i, k, j over n x n f32 row-major matrices) as plain C++, built
// at -O2 (bench/CMakeLists.txt): all rows on one thread, or rows
// [row_begin, row_end) for a split across threads (what the machine itself
// gives two threads, to read the dispatch speed-up against).
void native_matmul_rows_o2(const float *a, const float *b, float *c, int n, int row_begin,
                           int row_end) {
  for (int i = row_begin; i < row_end; ++i) {
    float *row = c + static_cast<long>(i) * n;
    for (int j = 0; j < n; ++j)
      row[j] = 0.0f;
    for (int k = 0; k < n; ++k) {
      float av = a[static_cast<long>(i) * n + k];
      const float *brow = b + static_cast<long>(k) * n;
      for (int j = 0; j < n; ++j)
        row[j] = __builtin_fmaf(av, brow[j], row[j]);
    }
  }
}

void native_matmul_o2(const float *a, const float *b, float *c, int n) {
  native_matmul_rows_o2(a, b, c, n, 0, n);
}
