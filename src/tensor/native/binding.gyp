{
  "targets": [
    {
      "target_name": "skewtune_kernels",
      "sources": ["macro-kernel.cc"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-exceptions", "-Wno-maybe-uninitialized"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] }
    }
  ]
}
