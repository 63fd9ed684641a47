/** `anwang serve`: open the database, seed the demo when it is empty, listen, and shut down cleanly. */
import { loadConfig } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { buildApp } from '../server/app.ts';
import { isEmpty } from '../server/modules/regions/regions.service.ts';
import { startScheduler } from '../server/jobs/scheduler.ts';
import { auditTableExposure } from '../server/db/roles.ts';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo, DEMO_PASSWORD, demoLevels, countDemoAccounts } from '../server/demo/seed-demo.ts';
import { loggingSms } from '../server/modules/outbox/sms.ts';
import { demoDepartments } from '../server/demo/demo-cases.ts';
import { personRoles, roleLabels, totpRequiredRoles } from '../core/roles.ts';

/** Starts the HTTP server and prints where it is. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.dataDir}`;
  process.stdout.write(`安网 Anwang: 数据库 database ${where}\n`);
  // Without an SMS gateway the messages go to a file, not the terminal: 277 demo SMS lines buried the logins.
  mkdirSync(config.dataDir, { recursive: true });
  const smsLog = join(config.dataDir, 'sms.log');
  const ctx = await createContext(config, { sms: loggingSms((line) => appendFileSync(smsLog, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 })) });
  if (ctx.database.kind === 'postgres') {
    const x = await auditTableExposure(ctx.database);
    // The audit chain's key and anchors still detect a rewrite; the role is what stops one.
    if (x.exposed) process.stderr.write(`警告 warning: the database role ${x.role} is ${x.reason}: it could rewrite the audit log. Run \`anwang db roles\` as the owner and connect as the role it creates (docs/OPERATIONS.md)\n`);
  }
  // Never seed a database that holds anything: only an empty one gets the demo.
  if (await isEmpty(ctx)) {
    process.stdout.write('空数据库：正在生成海北演示数据（约1–2分钟）empty database: building the Haibei demo prefecture (a minute or two)…\n');
    const began = Date.now();
    await seedDemo(ctx, (m) => process.stdout.write(`  ${m}  (${Math.round((Date.now() - began) / 1000)} s)\n`));
  }
  // Request logs at warn unless LOG_LEVEL says otherwise: a line per request buries everything else.
  const app = await buildApp(ctx, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
  await app.listen({ port: config.port, host: config.host });
  // Deadline sweep and outbox delivery; safe to run in every server process (rows are claimed with SKIP LOCKED).
  const scheduler = startScheduler(ctx, Number(process.env.ANWANG_SCHEDULER_MS ?? 5000), (m) => app.log.info(m));
  const url = `http://localhost:${config.port}`;
  const rule = '═'.repeat(72);
  const lines = [
    '',
    rule,
    `安网 Anwang 已启动 is running at ${url}`,
    `  API 文档 docs: ${url}/api/docs`,
    `  短信未接网关，写入 SMS (no gateway) are written to ${smsLog}`,
  ];
  const demoAccounts = await countDemoAccounts(ctx);
  if (demoAccounts > 0) {
    lines.push(
      '',
      `演示账号 Demo logins: ${demoAccounts} 个账号 accounts (密码 password for all: ${DEMO_PASSWORD})`,
      `  用户名 username = <层级 level>.<角色 role>, e.g. township.operator`,
      `  层级 levels: ${demoLevels.map((l) => `${l.level} = ${l.label}`).join('; ')}`,
      `  角色 roles: ${personRoles.map((r) => `${r} ${roleLabels[r]}`).join(', ')}`,
      `  ${totpRequiredRoles.join(', ')} 首次登录须绑定动态验证码 (TOTP) must enrol an authenticator app at first sign-in`,
      `  e.g. county.leader · township.operator · village.gridWorker · prefecture.sysadmin`,
      `  部门处置人 department handlers: ${demoDepartments.map((d) => d.username).join(', ')}`,
      `  群众上报 resident page (no login): ${url}/report`,
    );
  }
  lines.push(rule);
  // Printed last, after everything start-up writes, so the logins are what the terminal shows.
  process.stdout.write(lines.join('\n') + '\n');
  const stop = async (signal: string) => {
    process.stdout.write(`\n${signal}: 正在停止 stopping…\n`);
    await scheduler.stop();
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
