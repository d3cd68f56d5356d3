// Evaluates the lambda of COLUMNS(c -> <predicate>) on one column name. DuckDB runs the lambda
// through its full expression engine; the compiler evaluates only the predicates used to pick
// columns by name (LIKE / ILIKE and their NOT forms, = and <>, IN, starts_with, ends_with,
// contains, regexp_matches, lower / upper, AND / OR / NOT) and reports anything else.
import type { Expr, LambdaExpr } from '../parse/ast.js';
import { compileRe2 } from './re2-regex.js';

type Value = string | number | boolean | null;

class CannotEvaluate extends Error {}

/** DuckDB's LIKE: `%` any run, `_` one character, no escape character, whole-string match. */
function like(s: string, pattern: string): boolean {
  const re = [...pattern].map((ch) => (ch === '%' ? '[^]*' : ch === '_' ? '[^]' : ch.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, 'u').test(s);
}

function str(v: Value): string {
  if (typeof v !== 'string') throw new CannotEvaluate('a non-text argument');
  return v;
}

/** SQL three-valued logic: NULL in, NULL out. */
function strict(args: Value[], f: (...xs: string[]) => Value): Value {
  return args.some((a) => a === null) ? null : f(...args.map(str));
}

const FUNCTIONS: Readonly<Record<string, (args: Value[]) => Value>> = {
  '~~': (a) => strict(a, (s, p) => like(s, p)),
  '!~~': (a) => strict(a, (s, p) => !like(s, p)),
  '~~*': (a) => strict(a, (s, p) => like(s.toLowerCase(), p.toLowerCase())),
  '!~~*': (a) => strict(a, (s, p) => !like(s.toLowerCase(), p.toLowerCase())),
  starts_with: (a) => strict(a, (s, p) => s.startsWith(p)),
  prefix: (a) => strict(a, (s, p) => s.startsWith(p)),
  ends_with: (a) => strict(a, (s, p) => s.endsWith(p)),
  suffix: (a) => strict(a, (s, p) => s.endsWith(p)),
  contains: (a) => strict(a, (s, p) => s.includes(p)),
  lower: (a) => strict(a, (s) => s.toLowerCase()),
  lcase: (a) => strict(a, (s) => s.toLowerCase()),
  upper: (a) => strict(a, (s) => s.toUpperCase()),
  ucase: (a) => strict(a, (s) => s.toUpperCase()),
  regexp_matches: (a) => strict(a, (s, p) => {
    if (a.length !== 2) throw new CannotEvaluate('regexp_matches with options');
    const re = compileRe2(p);
    if (!(re instanceof RegExp)) throw new CannotEvaluate(`regexp_matches('${p}'): ${re.reason}`);
    return re.test(s);
  }),
};

function and(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}
function or(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

function evaluate(e: Expr, param: string, name: string): Value {
  switch (e.kind) {
    case 'column':
      if (e.names.length === 1 && e.names[0].toLowerCase() === param) return name;
      throw new CannotEvaluate(`column "${e.names.join('.')}"`);
    case 'constant':
      if (e.isNull) return null;
      if (typeof e.value === 'string' || typeof e.value === 'number' || typeof e.value === 'boolean') return e.value;
      throw new CannotEvaluate(`a ${e.type} constant`);
    case 'function': {
      const f = FUNCTIONS[e.name];
      if (!f || e.distinct || e.filter || e.orderBy.length > 0) throw new CannotEvaluate(`${e.name}()`);
      return f(e.args.map((a) => evaluate(a, param, name)));
    }
    case 'operator': {
      const args = e.args.map((a) => evaluate(a, param, name));
      switch (e.op) {
        case 'CONJUNCTION_AND': return args.reduce(and, true);
        case 'CONJUNCTION_OR': return args.reduce(or, false);
        case 'OPERATOR_NOT': return args[0] === null ? null : !args[0];
        case 'COMPARE_EQUAL': return args.some((a) => a === null) ? null : args[0] === args[1];
        case 'COMPARE_NOTEQUAL': return args.some((a) => a === null) ? null : args[0] !== args[1];
        case 'COMPARE_IN':
        case 'COMPARE_NOT_IN': {
          const [x, ...list] = args;
          if (x === null) return null;
          const hit = list.some((v) => v === x);
          const found = hit ? true : list.some((v) => v === null) ? null : false;
          return e.op === 'COMPARE_IN' ? found : found === null ? null : !found;
        }
        default: throw new CannotEvaluate(e.op.toLowerCase());
      }
    }
    default:
      throw new CannotEvaluate(e.kind === 'unsupported' ? e.what : `a ${e.kind} expression`);
  }
}

/** Whether the lambda keeps the column (only TRUE keeps it, as in list_filter), or why it cannot be evaluated. */
export function lambdaKeeps(lambda: LambdaExpr, name: string): boolean | { readonly reason: string } {
  if (lambda.params.length !== 1) return { reason: 'a lambda with more than one parameter' };
  try {
    return evaluate(lambda.body, lambda.params[0].toLowerCase(), name) === true;
  } catch (e) {
    if (e instanceof CannotEvaluate) return { reason: e.message };
    throw e;
  }
}
