// The typical program (bench/typical.yaml) in json-rules-engine and in GoRules zen-engine, each
// called the way its users call it: one awaited evaluation per basket, the host keeping each
// member's balance. Reads the baskets and the totals bench_typical wrote, refuses to report a
// figure for an engine whose totals differ, and prints evaluations per second.
//
//   node peers.js HISTORY.jsonl [ENGINE.json]
//
// ENGINE.json: bench_typical's Google Benchmark JSON output from the same run; with it, each
// peer's figure is also given as a ratio to loyalty's.

'use strict';

const fs = require('fs');
const path = require('path');
const { Engine } = require('json-rules-engine');
const { ZenEngine } = require('@gorules/zen-engine');

const POINTS_MAX = 500;
const COUPON_POINTS = 1000;

function readHistory(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
  return { expected: JSON.parse(lines[0]), baskets: lines.slice(1).map((line) => JSON.parse(line)) };
}

function itemsOf(basket) {
  return basket.items.map(([category, unitCents, quantity]) => ({ category, unitCents, quantity }));
}

/// json-rules-engine: conditions decide which rules fire; their events carry what they give;
/// the host adds them up, caps them, and asks a second engine whether a coupon is due.
function jsonRulesEngine() {
  const earn = new Engine();
  earn.addFact('weightedCents', (params, almanac) =>
    almanac.factValue('items').then((items) =>
      items.reduce((sum, item) => sum + item.unitCents * item.quantity * (item.category === 'coffee' ? 2 : 1), 0)));
  earn.addFact('totalCents', (params, almanac) =>
    almanac.factValue('items').then((items) => items.reduce((sum, item) => sum + item.unitCents * item.quantity, 0)));
  earn.addRule({ name: 'base', conditions: { all: [{ fact: 'weightedCents', operator: 'greaterThanInclusive', value: 0 }] },
                 event: { type: 'rate', params: { pointsPerHundredCents: 1 } } });
  earn.addRule({ name: 'silver', conditions: { all: [{ fact: 'tier', operator: 'equal', value: 'silver' }] },
                 event: { type: 'boost', params: { quarters: 1 } } });
  earn.addRule({ name: 'gold', conditions: { all: [{ fact: 'tier', operator: 'equal', value: 'gold' }] },
                 event: { type: 'boost', params: { quarters: 2 } } });
  earn.addRule({ name: 'app', conditions: { all: [{ fact: 'channel', operator: 'equal', value: 'app' },
                                                  { fact: 'totalCents', operator: 'greaterThanInclusive', value: 2000 }] },
                 event: { type: 'bonus', params: { points: 50 } } });
  const redeem = new Engine();
  redeem.addRule({ name: 'ten-off', conditions: { all: [{ fact: 'balance', operator: 'greaterThanInclusive', value: COUPON_POINTS }] },
                   event: { type: 'coupon', params: { points: COUPON_POINTS } } });
  return async (basket, balance) => {
    const { events, almanac } = await earn.run({ tier: basket.tier, channel: basket.channel, items: itemsOf(basket) });
    const weighted = await almanac.factValue('weightedCents');
    let base = 0;
    let quarters = 0;
    let bonus = 0;
    for (const event of events) {
      if (event.type === 'rate') base = Math.floor(weighted * event.params.pointsPerHundredCents / 100);
      if (event.type === 'boost') quarters = event.params.quarters;
      if (event.type === 'bonus') bonus += event.params.points;
    }
    const points = Math.min(base + Math.floor(base * quarters / 4) + bonus, POINTS_MAX);
    const redeemed = await redeem.run({ balance: balance + points });
    return { points, coupon: redeemed.events.length > 0 };
  };
}

/// zen-engine: the whole program is one decision graph (typical.jdm.json) evaluated per basket.
function zenEngine() {
  const engine = new ZenEngine();
  const decision = engine.createDecision(fs.readFileSync(path.join(__dirname, 'typical.jdm.json')));
  return async (basket, balance) => {
    const { result } = await decision.evaluate({ tier: basket.tier, channel: basket.channel, balance, items: itemsOf(basket) });
    return { points: result.points, coupon: result.coupon };
  };
}

async function measure(name, evaluate, history) {
  const balances = new Map();
  const totals = { earned: 0, burned: 0, coupons: 0 };
  const start = process.hrtime.bigint();
  for (const basket of history.baskets) {
    const balance = balances.get(basket.member) || 0;
    const { points, coupon } = await evaluate(basket, balance);
    let next = balance + points;
    totals.earned += points;
    if (coupon) {
      next -= COUPON_POINTS;
      totals.burned += COUPON_POINTS;
      totals.coupons += 1;
    }
    balances.set(basket.member, next);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const same = ['earned', 'burned', 'coupons'].every((key) => totals[key] === history.expected[key]);
  if (!same) {
    console.error(`${name} disagrees: ${JSON.stringify(totals)}, expected ${JSON.stringify(history.expected)}`);
    process.exitCode = 1;
    return null;
  }
  const perSecond = history.baskets.length / seconds;
  console.log(`${name}: ${history.baskets.length} evaluations in ${seconds.toFixed(2)} s, ` +
              `${Math.round(perSecond)} evaluations/s, same totals (${totals.earned} earned, ${totals.coupons} coupons)`);
  return perSecond;
}

function loyaltyPerSecond(file) {
  const run = JSON.parse(fs.readFileSync(file, 'utf8'));
  return run.benchmarks.find((benchmark) => benchmark.name === 'engine').items_per_second;
}

(async () => {
  const history = readHistory(process.argv[2]);
  const peers = {
    'json-rules-engine': await measure('json-rules-engine', jsonRulesEngine(), history),
    'zen-engine': await measure('zen-engine', zenEngine(), history),
  };
  if (!process.argv[3]) return;
  const ours = loyaltyPerSecond(process.argv[3]);
  console.log(`loyalty: ${Math.round(ours)} evaluations/s (evaluate and apply_in_place, the same baskets)`);
  for (const [name, perSecond] of Object.entries(peers)) {
    if (perSecond) console.log(`loyalty / ${name}: ${(ours / perSecond).toFixed(1)}x`);
  }
})();
