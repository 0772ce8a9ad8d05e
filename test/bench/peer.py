# The peers of test/bench/peers.ts, on one thread: PyTorch training 784-256-128-10 with
# Adam at batch 128 (`train STEPS`), and NumPy/OpenBLAS sgemm A·B at 128×784·784×256
# (`sgemm SECONDS`). Prints samples/s by the wall clock and by the process's CPU time, or GFLOP/s.
import sys
import time

import numpy as np

mode = sys.argv[1]
if mode == 'train':
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(1)
    steps = int(sys.argv[2])
    x = torch.rand(128 * 40, 784)
    y = torch.randint(0, 10, (128 * 40,))
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()

    def run(n):
        for s in range(n):
            # A fresh random batch each step, as skewtune's shuffled mini-batches are.
            rows = torch.randint(0, x.shape[0], (128,))
            optimizer.zero_grad()
            loss_fn(model(x[rows]), y[rows]).backward()
            optimizer.step()

    run(20)
    started, cpu = time.perf_counter(), time.process_time()
    run(steps)
    print(steps * 128 / (time.perf_counter() - started), steps * 128 / (time.process_time() - cpu))
elif mode == 'sgemm':
    rng = np.random.default_rng(1)
    a = rng.random((128, 784), dtype=np.float32)
    b = rng.random((784, 256), dtype=np.float32)
    c = np.empty((128, 256), dtype=np.float32)
    for _ in range(50):
        np.matmul(a, b, out=c)
    calls = 0
    started = time.perf_counter()
    while time.perf_counter() - started < float(sys.argv[2]):
        for _ in range(20):
            np.matmul(a, b, out=c)
        calls += 20
    print(2 * 128 * 784 * 256 * calls / (time.perf_counter() - started) / 1e9)
else:
    sys.exit(f'unknown mode {mode}')
