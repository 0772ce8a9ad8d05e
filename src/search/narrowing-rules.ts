import { canonical, fromScale, toScale, type Choice, type Hyperparameter, type Json, type NumericHyperparameter } from './space.ts';

/** What became of one value of a choice, and on what evidence. */
export interface ValueNote {
  value: Json;
  /** Trials that used it. */
  trials: number;
  /** Of those, how many were among the best. */
  best: number;
  verdict: 'kept' | 'dropped';
  why: 'among the best' | 'untried' | 'too few trials' | 'none among the best';
}

/** What became of one hyperparameter's range, and on what evidence. */
export interface HyperparameterNote {
  /** Trials that set it. */
  trials: number;
  /** Of those, how many counted as the best. */
  best: number;
  verdict: 'kept' | 'narrowed' | 'moved';
  why: string;
  range: Hyperparameter;
  /** A choice's values, one note each. */
  values?: ValueNote[];
}

/** A choice keeps each value unless `minTried` trials used it and none ranks among the best. */
export function narrowChoice(hp: Choice, values: readonly Json[], best: number, minTried: number): HyperparameterNote {
  const count = (among: readonly Json[], key: string) => among.filter((v) => canonical(v) === key).length;
  const notes: ValueNote[] = hp.values.map((value) => {
    const key = canonical(value);
    const trials = count(values, key);
    const inBest = count(values.slice(0, best), key);
    const why = inBest > 0 ? 'among the best' : trials === 0 ? 'untried' : trials < minTried ? 'too few trials' : 'none among the best';
    return { value, trials, best: inBest, verdict: why === 'none among the best' ? 'dropped' : 'kept', why };
  });
  const kept = notes.filter((n) => n.verdict === 'kept').map((n) => n.value);
  const dropped = notes.length - kept.length;
  const range: Choice = dropped > 0 ? { ...hp, values: kept } : hp;
  return {
    trials: values.length, best, range, values: notes,
    verdict: dropped > 0 ? 'narrowed' : 'kept',
    why: dropped > 0 ? `dropped ${dropped} value${dropped > 1 ? 's' : ''} tried at least ${minTried} times, none among the best` : 'no value tried enough without reaching the best',
  };
}

interface NumericRule {
  margin: number;
}

/**
 * A numeric range becomes its best values' span (sampling scale) widened by `margin` of its
 * width each side, inside `original`; kept when there is nothing to compare the best against.
 */
export function narrowNumeric<H extends NumericHyperparameter>(hp: H, original: Hyperparameter, values: readonly Json[], best: number, rule: NumericRule): HyperparameterNote {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0 || best >= numbers.length || original.kind !== hp.kind) {
    const why = numbers.length === 0 ? 'no trial set it' : `all ${numbers.length} of its trials count as the best: nothing to compare`;
    return { trials: numbers.length, best: Math.min(best, numbers.length), verdict: 'kept', why, range: hp };
  }
  const positions = numbers.slice(0, best).map((v) => toScale(hp, v));
  const width = toScale(hp, hp.high) - toScale(hp, hp.low);
  let low = Math.max(original.low, fromScale(hp, positions.reduce((a, b) => Math.min(a, b), Infinity) - rule.margin * width));
  let high = Math.min(original.high, fromScale(hp, positions.reduce((a, b) => Math.max(a, b), -Infinity) + rule.margin * width));
  if (hp.kind === 'int') [low, high] = [Math.max(original.low, Math.floor(low)), Math.min(original.high, Math.ceil(high))];
  const moved = low < hp.low || high > hp.high;
  const edge = low < hp.low && high > hp.high ? 'both edges' : low < hp.low ? 'its low edge' : 'its high edge';
  return {
    trials: numbers.length, best, range: { ...hp, low, high },
    verdict: moved ? 'moved' : low === hp.low && high === hp.high ? 'kept' : 'narrowed',
    why: moved ? `the best trials sit at ${edge}: moved outward, inside the study's space` : `the span of the best ${best} of ${numbers.length}, widened by the margin`,
  };
}
