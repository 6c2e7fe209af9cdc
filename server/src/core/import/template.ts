import { isObj, type Obj } from '../util/value';
/** Plain data of a template. */
export type { Obj };

/** A plain mapping (not an array, not null). */
export { isObj };

/** A value as a list: arrays as they are, one value as a list of one, nothing as an empty list. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** One resource of the template. */
export interface Resource {
  readonly id: string;
  readonly type: string;
  /** Its `Properties` as written (intrinsics in long form); `{}` when absent. */
  readonly properties: Obj;
  readonly condition?: string;
}

/** A parameter and its default, when it has one. */
export interface Parameter {
  readonly type?: string;
  readonly default?: unknown;
  readonly hasDefault: boolean;
}

const PSEUDO = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/** The property that holds a resource's physical name, by type: names in ARNs and policies are matched against it. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Events::ApiDestination': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::Pipes::Pipe': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

const DEPLOY_TIME = 'Values only known at deploy time (resource names and ARNs, the Region, the stack name) were written as <Name> placeholders.';

/** `arn:${AWS::Partition}:sns:${AWS::Region}:…:${Topic}` → `arn:<AWS::Partition>:sns:<AWS::Region>:…:<Topic>` */
const placeholders = (s: string): string => s.replace(/\$\{([^}]+)\}/g, (_, name: string) => (name.startsWith('!') ? `\${${name.slice(1)}}` : `<${name}>`));

/** `{ Ref: x }`, `{ 'Fn::Sub': … }`: the name of the intrinsic, or undefined for plain data. */
export function intrinsicName(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && INTRINSIC.test(keys[0]!) ? keys[0] : undefined;
}

/** Splits an ARN on `:` without splitting inside `${AWS::Region}`. */
function splitArn(s: string): string[] {
  const vars: string[] = [];
  const masked = s.replace(/\$\{[^}]*\}/g, (m) => `\uE000${vars.push(m) - 1}\uE001`);
  return masked.split(':').map((part) => part.replace(/\uE000(\d+)\uE001/g, (_, i: string) => vars[Number(i)]!));
}

/** The names an ARN-like string may stand for: itself, its last `:` and `/` segments, an S3 bucket. */
function candidateNames(s: string): string[] {
  const out = new Set<string>([s]);
  const parts = splitArn(s);
  const last = parts[parts.length - 1]!;
  out.add(last);
  out.add(last.split('/').pop()!);
  const slash = last.indexOf('/');
  if (slash > 0) out.add(last.slice(slash + 1).split('/')[0]!);
  // arn:aws:s3:::bucket/key, arn:aws:lambda:r:a:function:name:qualifier
  if (parts[2] === 's3') out.add((parts.slice(5).join(':') || '').split('/')[0]!);
  const fn = parts.indexOf('function');
  if (fn >= 0 && parts[fn + 1]) out.add(parts[fn + 1]!);
  out.delete('');
  out.delete('*');
  return [...out];
}

/**
 * A template, read: its resources and parameters, and the two questions the importer asks of a
 * value — which resource does it point at (`target`), and what is it as plain data (`render`).
 */
export class Template {
  readonly resources = new Map<string, Resource>();
  readonly parameters = new Map<string, Parameter>();
  /** SAM `Globals`. */
  readonly globals: Obj;
  readonly isSam: boolean;
  readonly description?: string;
  /** Why values had to be approximated (an intrinsic kept as text, a condition assumed true). */
  readonly approximations = new Set<string>();
  /** Parameters without a default that values refer to: kept as `${Name}`. */
  readonly unresolvedParameters = new Set<string>();
  private readonly names = new Map<string, string>();
  /** Entries of `Resources` that are not resources (`Fn::ForEach::…` of AWS::LanguageExtensions). */
  readonly unread: string[] = [];

  constructor(root: Obj) {
    const resources = isObj(root.Resources) ? root.Resources : {};
    for (const [id, r] of Object.entries(resources)) {
      if (!isObj(r)) {
        this.unread.push(id);
        continue;
      }
      const type = typeof r.Type === 'string' ? r.Type : 'Unknown';
      const condition = typeof r.Condition === 'string' ? r.Condition : undefined;
      this.resources.set(id, { id, type, properties: isObj(r.Properties) ? r.Properties : {}, ...(condition ? { condition } : {}) });
    }
    const parameters = isObj(root.Parameters) ? root.Parameters : {};
    for (const [name, p] of Object.entries(parameters)) {
      const o = isObj(p) ? p : {};
      const type = typeof o.Type === 'string' ? o.Type : undefined;
      this.parameters.set(name, { ...(type ? { type } : {}), hasDefault: 'Default' in o, ...('Default' in o ? { default: o.Default } : {}) });
    }
    this.globals = isObj(root.Globals) ? root.Globals : {};
    this.isSam = asList(root.Transform).some((t) => typeof t === 'string' && t.startsWith('AWS::Serverless'))
      || [...this.resources.values()].some((r) => r.type.startsWith('AWS::Serverless::'));
    if (typeof root.Description === 'string') this.description = root.Description;
    for (const r of this.resources.values()) {
      const prop = NAME_PROPERTY[r.type];
      const name = prop ? this.canonical(r.properties[prop]) : undefined;
      if (name !== undefined) this.names.set(r.id, name);
    }
  }

  /** The resources of some types, in template order. */
  ofType(...types: string[]): Resource[] {
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  /**
   * The value as one string in `Fn::Sub` syntax, with parameters that have a default substituted:
   * `{ Ref: Q }` → `${Q}`, `!GetAtt Q.Arn` → `${Q.Arn}`, `!Join` joined. Undefined when it cannot be
   * written as a string (a list, `Fn::FindInMap`, …). Used to compare names and ARNs.
   */
  canonical(value: unknown): string | undefined {
    if (typeof value === 'string') return this.substituteParameters(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const fn = intrinsicName(value);
    if (!fn) return undefined;
    const arg = (value as Obj)[fn];
    switch (fn) {
      case 'Ref': {
        if (typeof arg !== 'string') return undefined;
        const p = this.parameters.get(arg);
        if (p?.hasDefault && (typeof p.default === 'string' || typeof p.default === 'number' || typeof p.default === 'boolean')) return String(p.default);
        return `\${${arg}}`;
      }
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split(/\.(.*)/) : [];
        if (typeof id !== 'string') return undefined;
        return typeof attr === 'string' && attr ? `\${${id}.${attr}}` : `\${${id}}`;
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return this.substituteParameters(arg);
        if (Array.isArray(arg) && typeof arg[0] === 'string') {
          const vars = isObj(arg[1]) ? arg[1] : {};
          const s = arg[0].replace(/\$\{([^}!]+)\}/g, (m, name: string) => {
            if (!(name in vars)) return m;
            const v = this.canonical(vars[name]);
            return v === undefined ? m : v;
          });
          return this.substituteParameters(s);
        }
        return undefined;
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
        const parts = arg[1].map((p) => this.canonical(p));
        return parts.every((p) => p !== undefined) ? parts.join(arg[0]) : undefined;
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg)) return undefined;
        const items = this.items(arg[1]);
        const i = Number(this.canonical(arg[0]));
        return items && Number.isInteger(i) ? this.canonical(items[i]) : undefined;
      }
      case 'Fn::If':
        return Array.isArray(arg) ? this.canonical(arg[1]) : undefined;
      default:
        return undefined;
    }
  }

  /** A list value: a literal list, or `Fn::Split` of a string that can be read. */
  private items(value: unknown): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    const split = isObj(value) ? value['Fn::Split'] : undefined;
    if (Array.isArray(split) && typeof split[0] === 'string') return this.canonical(split[1])?.split(split[0]);
    return undefined;
  }

  private substituteParameters(s: string): string {
    return s.replace(/\$\{([^}!.]+)\}/g, (m, name: string) => {
      const p = this.parameters.get(name);
      if (p?.hasDefault && (typeof p.default === 'string' || typeof p.default === 'number' || typeof p.default === 'boolean')) return String(p.default);
      return m;
    });
  }

  /**
   * The resource of this template a value points at: `!Ref X`, `!GetAtt X.Arn`, an ARN or URL built
   * with `!Sub`/`!Join` around `${X…}`, or a name or ARN equal to a resource's physical name
   * (`QueueName`, `BucketName`, … — also when both come from the same parameter). `accept` narrows
   * the candidates (by type). Undefined when the value points outside the template.
   */
  target(value: unknown, accept: (r: Resource) => boolean = () => true): Resource | undefined {
    const fn = intrinsicName(value);
    if (fn === 'Ref' || fn === 'Fn::GetAtt') {
      const arg = (value as Obj)[fn];
      const id = fn === 'Ref' ? arg : Array.isArray(arg) ? arg[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
      const r = typeof id === 'string' ? this.resources.get(id) : undefined;
      if (r) return this.follow(r, accept);
    }
    const s = this.canonical(value);
    if (s === undefined) return undefined;
    const ids = new Set<string>();
    for (const m of s.matchAll(/\$\{([^}!]+)\}/g)) {
      const id = m[1]!.split('.')[0]!;
      const r = this.resources.get(id);
      if (r && this.follow(r, accept)) ids.add(this.follow(r, accept)!.id);
    }
    if (ids.size === 1) return this.resources.get([...ids][0]!);
    if (ids.size > 1) return undefined;
    const candidates = candidateNames(s);
    for (const r of this.resources.values()) {
      const name = this.names.get(r.id);
      if (name !== undefined && candidates.includes(name) && accept(r)) return r;
    }
    return undefined;
  }

  /** An enhanced fan-out consumer stands for its stream. */
  private follow(r: Resource, accept: (r: Resource) => boolean): Resource | undefined {
    if (r.type === 'AWS::Kinesis::StreamConsumer') {
      const stream = this.target(r.properties.StreamARN, accept);
      if (stream) return stream;
    }
    return accept(r) ? r : undefined;
  }

  /** The physical name a resource declares, in `Fn::Sub` syntax (for descriptions). */
  physicalName(id: string): string | undefined {
    return this.names.get(id);
  }

  /**
   * The value as plain data for the architecture file: parameters with a default become that
   * default, `!Ref X` becomes `<X>`, `!Sub` its string with `<…>` for what is only known at deploy
   * time (not `${…}`, which CloudFormation would read as an unsubstituted variable), and intrinsics
   * that cannot be evaluated are kept as text (each approximation is remembered for the notes).
   */
  render(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.render(v)).filter((v) => v !== undefined);
    const fn = intrinsicName(value);
    if (fn) return this.renderIntrinsic(fn, (value as Obj)[fn]);
    if (isObj(value)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) {
        const r = this.render(v);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    return value;
  }

  private renderIntrinsic(fn: string, arg: unknown): unknown {
    if (fn === 'Ref' && typeof arg === 'string') {
      if (arg === 'AWS::NoValue') return undefined;
      const p = this.parameters.get(arg);
      if (p?.hasDefault) return p.default;
      if (p) this.unresolvedParameters.add(arg);
      else this.approximations.add(DEPLOY_TIME);
      return `<${arg}>`;
    }
    if (fn === 'Fn::If' && Array.isArray(arg)) {
      this.approximations.add(`\`Fn::If\` conditions were assumed true${typeof arg[0] === 'string' ? ` (${arg[0]})` : ''}.`);
      return this.render(arg[1]);
    }
    const s = this.canonical({ [fn]: arg });
    if (s !== undefined) {
      for (const m of s.matchAll(/\$\{([^}!]+)\}/g)) {
        if (this.parameters.has(m[1]!)) this.unresolvedParameters.add(m[1]!);
        else this.approximations.add(DEPLOY_TIME);
      }
      return placeholders(s);
    }
    this.approximations.add(`\`${fn}\` values were kept as text.`);
    return placeholders(`!${fn.replace(/^Fn::/, '')} ${JSON.stringify(arg)}`);
  }

  /** Parameters without a default that give a number: the number is left out. */
  readonly numbersLeftOut = new Set<string>();

  /** A number, from a literal, a numeric string or a parameter default; undefined otherwise. */
  num(value: unknown): number | undefined {
    const ref = intrinsicName(value) === 'Ref' ? (value as Obj).Ref : undefined;
    if (typeof ref === 'string' && this.parameters.has(ref) && !this.parameters.get(ref)!.hasDefault) {
      this.numbersLeftOut.add(ref);
      return undefined;
    }
    const v = this.render(value);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
    return undefined;
  }

  /** A string, when the value renders as one without placeholders of resources. */
  str(value: unknown): string | undefined {
    const v = this.render(value);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  }

  /** A boolean from `true`, `'true'`, `True`. */
  bool(value: unknown): boolean | undefined {
    const v = this.render(value);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    return undefined;
  }

  /** Is the value a pseudo parameter reference (`AWS::Region`)? */
  static isPseudo(name: string): boolean {
    return PSEUDO.has(name);
  }
}
