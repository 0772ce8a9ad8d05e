"""The tabular bench's peer and its data: `split NAME DIR SEED` writes DIR/NAME-train.csv and
DIR/NAME-test.csv (75/25 stratified, seeded) from a vega-datasets table; `peer TRAIN TEST LABEL
SEED` fits scikit-learn + imbalanced-learn on TRAIN and prints one JSON line per model with its
test macro-F1 and wall time: RandomizedSearchCV (40 candidates) over resamplers and
MLPClassifier behind a ColumnTransformer, and HistGradientBoostingClassifier with balanced weights."""
import csv, json, sys, time, warnings
from pathlib import Path

# Each table: its file, label, and the columns left out (identifiers, dates, and birdstrikes' costs, which restate the damage).
TABLES = {
    'seattle-weather': ('seattle-weather.csv', 'weather', ['date']),
    'penguins': ('penguins.json', 'Species', []),
    'cars': ('cars.json', 'Origin', ['Name']),
    'birdstrikes': ('birdstrikes.csv', 'Effect Amount of damage', ['Airport Name', 'Flight Date', 'Cost Other', 'Cost Repair', 'Cost Total $']),
}
MISSING = {'', 'NA', 'N/A', '?', 'NaN'}


def read_rows(path):
    if path.suffix == '.json':
        rows = json.loads(path.read_text())
        return [{k: '' if v is None else str(v) for k, v in r.items()} for r in rows]
    with path.open(newline='') as f:
        return list(csv.DictReader(f))


def split(name, out, seed):
    from sklearn.model_selection import train_test_split
    file, label, drop = TABLES[name]
    rows = [r for r in read_rows(Path(__file__).resolve().parents[2] / 'node_modules/vega-datasets/data' / file) if r[label] not in MISSING]
    # A class of a handful of rows cannot be split 75/25 and folded 5 ways: such classes are left out.
    counts = {}
    for r in rows:
        counts[r[label]] = counts.get(r[label], 0) + 1
    rows = [r for r in rows if counts[r[label]] >= 10]
    columns = [c for c in rows[0] if c not in drop]
    train, test = train_test_split(rows, test_size=0.25, stratify=[r[label] for r in rows], random_state=seed)
    for part, data in (('train', train), ('test', test)):
        with (Path(out) / f'{name}-{part}.csv').open('w', newline='') as f:
            w = csv.DictWriter(f, fieldnames=columns, extrasaction='ignore')
            w.writeheader()
            w.writerows(data)


def peer(train_path, test_path, label, seed):
    import numpy as np
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    from imblearn.pipeline import Pipeline
    from imblearn.under_sampling import RandomUnderSampler
    from scipy.stats import loguniform
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.metrics import f1_score
    from sklearn.model_selection import RandomizedSearchCV
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
    warnings.filterwarnings('ignore')
    train, test = read_rows(Path(train_path)), read_rows(Path(test_path))
    features = [c for c in train[0] if c != label]
    def is_numeric(c):
        try:
            [float(r[c]) for r in train if r[c] not in MISSING]
            return True
        except ValueError:
            return False
    num = [c for c in features if is_numeric(c)]
    cat = [c for c in features if c not in num]
    def matrix(rows):
        x = np.empty((len(rows), len(features)), dtype=object)
        for j, c in enumerate(features):
            for i, r in enumerate(rows):
                v = r[c]
                x[i, j] = (np.nan if v in MISSING else float(v)) if c in num else ('missing' if v in MISSING else v)
        return x
    xtr, xte = matrix(train), matrix(test)
    ytr, yte = [r[label] for r in train], [r[label] for r in test]
    ni, ci = [features.index(c) for c in num], [features.index(c) for c in cat]
    encode = ColumnTransformer([
        ('num', make_pipeline(SimpleImputer(strategy='median', add_indicator=True), StandardScaler()), ni),
        ('cat', OneHotEncoder(handle_unknown='infrequent_if_exist', max_categories=32, sparse_output=False), ci),
    ])
    # SMOTE after the encoding: the one-hot columns are numbers to it (SMOTE-NC would need the raw columns, before the imputer).
    smote = SMOTE(random_state=seed)
    pipe = Pipeline([('encode', encode), ('resample', 'passthrough'), ('mlp', MLPClassifier(max_iter=200, early_stopping=True, random_state=seed))])
    space = {
        'resample': ['passthrough', smote, RandomUnderSampler(random_state=seed), RandomOverSampler(random_state=seed)],
        'mlp__hidden_layer_sizes': [(32,), (64,), (128,), (64, 32), (128, 64)],
        'mlp__alpha': loguniform(1e-6, 1e-2),
        'mlp__learning_rate_init': loguniform(1e-4, 3e-2),
        'mlp__batch_size': [16, 32, 64, 128],
    }
    started = time.perf_counter()
    search = RandomizedSearchCV(pipe, space, n_iter=40, scoring='f1_macro', cv=3, random_state=seed, n_jobs=1, error_score=0.0)
    search.fit(xtr, ytr)
    mlp_f1 = f1_score(yte, search.predict(xte), average='macro')
    mlp_seconds = time.perf_counter() - started
    print(json.dumps({'model': 'sklearn-mlp-search', 'macroF1': round(mlp_f1, 4), 'seconds': round(mlp_seconds, 1),
                      'best': {k: str(v) for k, v in search.best_params_.items()}}), flush=True)
    started = time.perf_counter()
    ordinal = ColumnTransformer([('num', 'passthrough', ni), ('cat', OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1, encoded_missing_value=-1), ci)])
    hgb = make_pipeline(ordinal, HistGradientBoostingClassifier(class_weight='balanced', random_state=seed,
                                                                categorical_features=list(range(len(ni), len(ni) + len(ci))) or None))
    hgb.fit(xtr, ytr)
    hgb_f1 = f1_score(yte, hgb.predict(xte), average='macro')
    print(json.dumps({'model': 'hist-gradient-boosting', 'macroF1': round(hgb_f1, 4), 'seconds': round(time.perf_counter() - started, 1)}), flush=True)


if __name__ == '__main__':
    if sys.argv[1] == 'split':
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        peer(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
