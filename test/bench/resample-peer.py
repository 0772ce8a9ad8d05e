# The peer of `npm run bench -- resample-large`: pandas reads the CSV, imbalanced-learn's SMOTE
# brings the minority to 1:10 of the majority (k = 5), pandas writes the original rows then the
# synthetic ones. Usage: python3 resample-peer.py IN.csv OUT.csv LABEL
import sys

import pandas as pd
from imblearn.over_sampling import SMOTE

source, target, label = sys.argv[1:4]
table = pd.read_csv(source)
x, y = table.drop(columns=[label]), table[label]
rx, ry = SMOTE(sampling_strategy=0.1, k_neighbors=5, random_state=1).fit_resample(x, y)
out = rx.copy()
out.insert(table.columns.get_loc(label), label, ry)
out.to_csv(target, index=False)
