/**
 * `anwang <command>`: serve, migrate, seed --demo, import regions|grids FILE, user create,
 * token create, audit verify, db roles, keys status|rotate|reencrypt, files seal. Exit status 0 on success; non-zero with a message on stderr otherwise.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { grantAppRole } from '../server/db/roles.ts';
import { ClusterNotReady, distribute, hasCitus } from '../server/db/distribute.ts';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { AppError, errorMessage } from '../core/errors.ts';
import { systemActor } from '../server/lib/actor.ts';
import type { AppContext } from '../server/lib/context.ts';
import { importRegions } from '../server/modules/regions/regions.service.ts';
import { ROOT_SCOPE } from '../core/region-code.ts';
import { importGrids } from '../server/modules/grids/grids.service.ts';
import { createUser } from '../server/modules/users/users.service.ts';
import { createToken } from '../server/modules/tokens/tokens.service.ts';
import { countDemoAccounts, seedDemo } from '../server/demo/seed-demo.ts';
import { importCalendar } from '../server/modules/catalog/catalog.service.ts';
import { serve } from './serve.ts';
import { importPersons } from '../server/modules/people/person-import.service.ts';
import { fileRows, writeErrorReport, writeTemplate } from '../server/modules/people/person-files.ts';
import { templateCodes } from '../server/modules/codes/codes.service.ts';
import { addKeyToFile } from '../server/lib/crypto.ts';
import { keyUsage, reencryptAll } from '../server/modules/keys/keys.service.ts';
import { sealStoredFiles } from '../server/modules/uploads/uploads.service.ts';
import { sealDocumentFiles } from '../server/modules/documents/documents.service.ts';
import { anchorHead, recordAlone } from '../server/modules/audit/audit.service.ts';
import { auditVerifyReport } from './audit.ts';
import { personRoles } from '../core/roles.ts';

const usage = `用法 Usage: anwang <command>
  serve                      启动服务 start the server (seeds the demo on an empty database)
  migrate                    执行数据库迁移 apply database migrations (and distribute, on a Citus coordinator)
  distribute                 在 Citus 集群上分布各表 place every table on a Citus cluster (ANWANG_CITUS_SHARDS, default 32)
  seed --demo                写入演示数据 load the demo prefecture (also into a non-empty database)
  import regions FILE.csv    导入区划 (code,name,parent_code)
  import grids FILE.geojson  导入网格 (FeatureCollection of Polygons with code, name)
  import calendar FILE.csv   导入节假日与调休 (date,kind,name; kind = holiday | workday)
  import persons FILE.csv|FILE.xlsx [--mode upsert|all]
                             导入实有人口 (errors to FILE.errors.xlsx; all = nothing written unless every row is good)
  import persons --template FILE.csv|FILE.xlsx   写出导入模板 write the import template
  user create --username U --password P --role R --scope CODE [--name NAME]
  token create --name N --scope CODE [--days D]
  audit verify [--chain C]   校验各审计日志链与锚点 verify every audit chain (or county C, 000000, legacy) and its anchors
  db roles [--name anwang_app] [--password P]
                             创建应用数据库角色 create the application's PostgreSQL role (run as the owner)
  keys status                各密钥加密的字段数 ciphertexts per encryption key
  keys rotate                新增密钥并重新加密 add a key to keys.json and re-encrypt everything with it
  keys reencrypt             用当前密钥重新加密 re-encrypt what older keys made (after ANWANG_SECRET_KEY=new,old)
  files seal                 加密存储的照片和语音 encrypt stored photos and voice notes still in clear or under an older key
Roles: ${personRoles.join(', ')}`;

/** Runs a command on an open context; the audit chain's head is anchored at the end unless `anchor` is false. */
async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, anchor = true): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    const result = await fn(ctx);
    if (anchor) await anchorHead(ctx);
    return result;
  } finally {
    await ctx.database.close();
  }
}

/** The CLI acts as the system, over the whole tree. */
const cliActor = () => systemActor(ROOT_SCOPE, 'cli');

function fail(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

/** At most this many problems are printed, each clipped: a file with 100,000 bad rows must not flood the terminal. */
const PRINTED_ISSUES = 50;
const clipLine = (v: string) => (v.length > 300 ? `${v.slice(0, 300)}…` : v);

function printAppError(e: AppError): never {
  const lines = [`错误 ${e.code}: ${errorMessage(e.code, 'zh-CN')} / ${errorMessage(e.code, 'en')}`];
  for (const d of e.details.slice(0, PRINTED_ISSUES)) lines.push(clipLine(`  ${d.path}: ${d.message} (${d.code})`));
  if (e.details.length > PRINTED_ISSUES) lines.push(`  … 另有 ${e.details.length - PRINTED_ISSUES} 个问题 more`);
  fail(lines.join('\n'));
}

/**
 * An unexpected error as printed: a database error's own message (its SQLSTATE text), never the driver's wrapper,
 * which repeats the whole query and its parameters (personal data, or a 300,000-vertex polygon).
 */
function safeErrorText(e: unknown): string {
  const message = String((e as Error)?.message ?? e);
  if (!message.startsWith('Failed query:')) return clipLine(message.split('\n')[0]!);
  const cause = (e as { cause?: { message?: unknown; code?: unknown } }).cause;
  return clipLine(`database query failed${cause && typeof cause.message === 'string' ? `: ${cause.message.split('\n')[0]}` : ''}${typeof cause?.code === 'string' ? ` (${cause.code})` : ''}`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      name: { type: 'string' },
      mode: { type: 'string' },
      template: { type: 'string' },
      days: { type: 'string' },
      chain: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, sub, file] = positionals;
  if (values.help || !cmd) {
    process.stdout.write(usage + '\n');
    if (!cmd && !values.help) process.exit(1);
    return;
  }
  switch (cmd) {
    case 'serve':
      return serve();
    case 'migrate':
      await withContext(async () => process.stdout.write('数据库已是最新 migrations applied\n'));
      return;
    case 'seed': {
      if (!values.demo) fail('只支持 anwang seed --demo (only the demo seed exists)');
      const r = await withContext(async (ctx) => ({ ...(await seedDemo(ctx, (m) => process.stdout.write(m + '\n'))), inDb: await countDemoAccounts(ctx) }));
      process.stdout.write(`演示数据已写入 demo loaded: ${r.regions} regions, ${r.grids} grids, ${r.inDb} accounts\n`);
      return;
    }
    case 'import': {
      if (sub === 'persons') return importPersonsCommand(file, values.template, values.mode);
      if ((sub !== 'regions' && sub !== 'grids' && sub !== 'calendar') || !file) fail('用法: anwang import regions FILE.csv | grids FILE.geojson | calendar FILE.csv');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        fail(`无法读取文件 cannot read ${file}: ${(e as Error).message}`);
      }
      const r = await withContext((ctx) => (sub === 'regions' ? importRegions(ctx, cliActor(), text) : sub === 'grids' ? importGrids(ctx, cliActor(), text) : importCalendar(ctx, cliActor(), text)));
      process.stdout.write(`已导入 imported ${r.imported} ${sub}\n`);
      return;
    }
    case 'user': {
      if (sub !== 'create') fail(usage);
      const { username, password, role, scope, name } = values;
      if (!username || !password || !role || !scope) fail('用法: anwang user create --username U --password P --role R --scope CODE');
      if (!(personRoles as string[]).includes(role)) fail(`未知角色 unknown role "${role}"; one of: ${personRoles.join(', ')}`);
      const u = await withContext((ctx) => createUser(ctx, cliActor(), { username, password, role, scopeCode: scope, displayName: name ?? username }));
      process.stdout.write(`已创建用户 created ${u.username} (${u.role}, ${u.scopeName ?? u.scopeCode}) id=${u.id}\n`);
      return;
    }
    case 'token': {
      if (sub !== 'create') fail(usage);
      if (!values.name || !values.scope) fail('用法: anwang token create --name N --scope CODE [--days D]');
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) fail('--days: 1–3650');
      const t = await withContext((ctx) => createToken(ctx, cliActor(), { name: values.name!, scopeCode: values.scope!, expiresInDays: days }));
      process.stdout.write(t.token + '\n');
      process.stderr.write(`expires ${t.expiresAt}\n`);
      return;
    }
    case 'audit': {
      if (sub !== 'verify') fail(usage);
      // No anchor here: a verification must not pin the state it is judging.
      const r = await withContext((ctx) => auditVerifyReport(ctx, values.chain), false);
      if (!r.ok) fail(r.text);
      process.stdout.write(r.text + '\n');
      return;
    }
    case 'distribute':
      return distributeCommand();
    case 'db': {
      if (sub !== 'roles') fail(usage);
      return dbRolesCommand(values.name ?? 'anwang_app', values.password);
    }
    case 'keys': {
      if (sub === 'status') {
        const state = await withContext(async (ctx) => ({ current: ctx.crypto.currentKeyId, usage: await keyUsage(ctx) }));
        process.stdout.write(`当前密钥 current key ${state.current}\n`);
        for (const [id, n] of Object.entries(state.usage)) process.stdout.write(`  ${id}: ${n} ciphertexts${id === state.current ? ' (current)' : ''}\n`);
        return;
      }
      if (sub !== 'rotate' && sub !== 'reencrypt') fail(usage);
      const config = loadConfig();
      if (sub === 'rotate') {
        if (config.secretKeyHex) fail('密钥来自 ANWANG_SECRET_KEY：请把新密钥放在最前 (ANWANG_SECRET_KEY=new,old) 后运行 anwang keys reencrypt');
        process.stdout.write(`新密钥 new key ${addKeyToFile(config.dataDir)} added to ${config.dataDir}/keys.json\n`);
      }
      const report = await withContext(async (ctx) => {
        const r = await reencryptAll(ctx, (table, rows) => process.stderr.write(`\r  ${table}: ${rows} rows`));
        process.stderr.write('\n');
        await recordAlone(ctx.db, ctx, cliActor(), { action: `keys.${sub}`, detail: { currentKeyId: r.currentKeyId, tables: r.tables } });
        return r;
      });
      for (const t of report.tables) process.stdout.write(`  ${t.table}: ${t.reencrypted} of ${t.ciphertexts} re-encrypted\n`);
      process.stdout.write(`完成 done: every ciphertext now uses key ${report.currentKeyId}\n`);
      return;
    }
    case 'files': {
      if (sub !== 'seal') fail(usage);
      const r = await withContext(async (ctx) => {
        const uploads = await sealStoredFiles(ctx, (n) => process.stderr.write(`\r  ${n} files`));
        // Documents (PDF notices) are files of the same store.
        const docs = await sealDocumentFiles(ctx, (n) => process.stderr.write(`\r  ${uploads.files + n} files`));
        const done = { files: uploads.files + docs.files, plain: uploads.plain, oldKey: uploads.oldKey + docs.oldKey, missing: uploads.missing + docs.missing };
        process.stderr.write('\n');
        await recordAlone(ctx.db, ctx, cliActor(), { action: 'files.seal', detail: done });
        return done;
      });
      process.stdout.write(`完成 done: ${r.files} files, ${r.plain} were in clear, ${r.oldKey} under an older key, ${r.missing} missing; all sealed with the current key\n`);
      return;
    }
    default:
      fail(`未知命令 unknown command "${cmd}"\n${usage}`);
  }
}

/**
 * `anwang db roles`: as the schema's owner (ANWANG_MIGRATE_URL, else DATABASE_URL), applies the migrations and
 * creates or updates the application's role, which may only read and append to the audit log.
 */
/** Migrates and places the tables on the Citus coordinator of ANWANG_MIGRATE_URL (or DATABASE_URL), as the owner. */
async function distributeCommand(): Promise<void> {
  const config = loadConfig();
  const ownerUrl = config.migrateUrl ?? config.databaseUrl;
  if (!ownerUrl) fail('anwang distribute 需要 Citus 协调节点：设置 ANWANG_MIGRATE_URL（或 DATABASE_URL）(PGlite is one process: nothing to distribute)');
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolSize: 1 });
  try {
    if (!(await hasCitus(owner))) fail('此数据库未安装 citus 扩展 the citus extension is not installed in this database: CREATE EXTENSION citus on the coordinator and every worker, then register them (docs/OPERATIONS.md)');
    await migrate(owner);
    const placed = await distribute(owner);
    process.stdout.write(placed.length ? `已分布 placed ${placed.length} tables: ${placed.join(', ')}\n` : '各表均已分布 every table is already placed\n');
  } catch (e) {
    if (e instanceof ClusterNotReady) fail(`集群未就绪 cluster not ready: ${e.message}`);
    throw e;
  } finally {
    await owner.close();
  }
}

async function dbRolesCommand(role: string, password: string | undefined): Promise<void> {
  const config = loadConfig();
  const ownerUrl = config.migrateUrl ?? config.databaseUrl;
  if (!ownerUrl) fail('anwang db roles 需要 PostgreSQL：设置 ANWANG_MIGRATE_URL（或 DATABASE_URL）为库所有者的连接串 (PGlite has a single user: nothing to set up)');
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolSize: 1 });
  try {
    await migrate(owner);
    const fresh = (await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length === 0;
    const pw = password ?? (fresh ? randomBytes(18).toString('base64url') : undefined);
    await grantAppRole(owner, role, pw);
    const app = new URL(ownerUrl);
    app.username = role;
    app.password = pw ?? 'PASSWORD';
    process.stdout.write(
      [
        `已${fresh ? '创建' : '更新'}角色 role ${role} ${fresh ? 'created' : 'updated'}: SELECT/INSERT on audit_log only, no UPDATE/DELETE/TRUNCATE, owns nothing`,
        `  应用连接 run the application with:  DATABASE_URL=${app.toString()}`,
        `  迁移连接 and migrations as owner:  ANWANG_MIGRATE_URL=<this command's owner URL>`,
        pw && !password ? '  (密码只显示这一次 the generated password is shown only now)' : '',
      ].filter(Boolean).join('\n') + '\n',
    );
  } finally {
    await owner.close();
  }
}

const REFUSED_SHOWN = 10;

/** The first refused rows of an import, one line each: row number, then each column and reason. */
function refusedRowsText(problems: { row: number; issues: { column: string; message: string }[] }[], limit: number): string {
  const lines = problems.slice(0, limit).map((p) => `  第 ${p.row} 行 row ${p.row}: ${p.issues.map((i) => `${i.column}：${i.message}`).join('；')}\n`);
  const more = problems.length > limit ? `  …其余见错误报告 the rest are in the report\n` : '';
  return lines.join('') + more;
}

/** `anwang import persons`: streams the file with progress on stderr and writes the error report beside it. */
async function importPersonsCommand(file: string | undefined, template: string | undefined, mode = 'upsert'): Promise<void> {
  if (template) {
    const codes = await withContext(templateCodes);
    await writeTemplate(template, codes);
    process.stdout.write(`已写出模板 template written: ${template}\n`);
    return;
  }
  if (!file) fail('用法: anwang import persons FILE.csv|FILE.xlsx [--mode upsert|all]  或  anwang import persons --template FILE');
  if (mode !== 'upsert' && mode !== 'all') fail('--mode 只能是 upsert 或 all');
  if (!existsSync(file)) fail(`无法读取文件 cannot read ${file}`);
  const started = Date.now();
  // The operator's own file: no row limit, but an XLSX is still inflated within ANWANG_IMPORT_MAX_UNCOMPRESSED_MB.
  const report = await withContext((ctx) => importPersons(ctx, cliActor(), fileRows(file, undefined, undefined, { maxUncompressedBytes: ctx.config.imports.maxUncompressedBytes }), { mode, limits: { maxProblems: ctx.config.imports.maxProblems }, onProgress: (n) => process.stderr.write(`\r已处理 ${n.toLocaleString()} 行 rows`) }));
  process.stderr.write('\n');
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (report.problems.length) {
    const errFile = file.replace(/\.(csv|xlsx)$/i, '') + '.errors.xlsx';
    await writeErrorReport(errFile, report.header, report.problems, report.problemCount);
    process.stdout.write(`${report.problemCount} 行有问题 rows with problems → ${errFile}\n`);
    process.stdout.write(refusedRowsText(report.problems, REFUSED_SHOWN));
  }
  if (report.rejected) fail(`未导入 nothing imported (--mode all): ${report.problemCount} of ${report.rows} rows have problems`);
  process.stdout.write(`已导入 imported: ${report.created} new, ${report.updated} updated, ${report.problemCount} refused, of ${report.rows} rows in ${secs} s (${report.unchanged} already up to date)\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof AppError) printAppError(e);
  fail(`错误 error: ${safeErrorText(e)}`);
});
