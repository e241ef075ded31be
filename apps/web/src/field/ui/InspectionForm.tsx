import { useEffect, useState } from 'react';
import {
  CATEGORIES,
  type CategoryCode,
  type InspectionBody,
  inspectionCategoryOrder,
  MODES,
  type Mode,
  OUTCOMES,
  type Outcome,
  SITE_KINDS,
  SOURCES,
  type Source,
} from '../core.ts';
import { type CachedSite, type DispatchTask, db, type FollowUpTask } from '../db.ts';
import { alertsNow } from '../dispatch.ts';
import { go, useGeolocation, useLive } from '../hooks.ts';
import { clockTime, isoWithOffset, uuidv7 } from '../ids.ts';
import { recordsEnterprise } from '../ledger.ts';
import { queueInspection } from '../outbox.ts';
import { kick } from '../sender.ts';
import { type Captured, EvidencePicker, prepareEvidence, useCapturedUrls } from './Evidence.tsx';
import { useContext } from './Home.tsx';
import { LedgerFlag } from './LedgerFlag.tsx';
import { SitePicker } from './SitePicker.tsx';
import { Choices, Field, flash, Modal, TopBar } from './widgets.tsx';

type Errors = Partial<
  Record<'site' | 'category' | 'subtype' | 'outcome' | 'problems' | 'verification' | 'save', string>
>;

const VERDICTS = { true: '属实', partly_true: '部分属实', false: '不属实' } as const;
type Verdict = keyof typeof VERDICTS;
/** As the server's rule (core hotline.ts): a feedback needs enough words to say what was found. */
const MIN_FEEDBACK = 10;

const subtypesOf = (c: CategoryCode | ''): Record<string, string> => (c ? CATEGORIES[c].subtypes : {});

/** The task's site from the registry; if the registry lacks it, what the task itself says. */
async function siteOfTask(t: FollowUpTask): Promise<CachedSite> {
  return (
    (await db.sites.get(t.site.id)) ?? {
      id: t.site.id,
      name: t.site.name,
      kind: 'other',
      creditCode: null,
      address: t.site.address,
      divisionCode: '',
      divisionName: t.site.divisionName ?? undefined,
      lat: null,
      lng: null,
      origin: 'server',
    }
  );
}

/**
 * One inspection, recorded on the spot. The clock starts when the form opens (startedAt);
 * saving never needs a network: the record, its site and its files go into the outbox.
 * Opened from a 回头看 task, it starts at the task's site with source 回头看 and the problem
 * as sourceRef, and returns to the task when saved.
 */
export function InspectionForm({
  picking,
  followUpTaskId,
  dispatchTaskId,
}: {
  picking: boolean;
  followUpTaskId?: string;
  dispatchTaskId?: string;
}) {
  const ctx = useContext();
  // Read once: the site picker's route (#/new/site) carries no task.
  const [taskId] = useState(followUpTaskId);
  const [dTaskId] = useState(dispatchTaskId);
  const dTask = useLive(
    async (): Promise<DispatchTask | undefined> => (dTaskId ? db.dispatchTasks.get(dTaskId) : undefined),
    [dTaskId],
    undefined,
  );
  const instructions = useLive(() => db.instructions.toArray(), [], []);
  const [instructionId, setInstructionId] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [feedback, setFeedback] = useState('');
  const task = useLive(
    async () => (taskId ? db.followups.filter((t) => t.taskId === taskId).first() : undefined),
    [taskId],
    undefined,
  );
  const geo = useGeolocation();
  const [id] = useState(uuidv7);
  const [startedAt] = useState(() => isoWithOffset());
  const [site, setSite] = useState<CachedSite | null>(null);
  const [category, setCategory] = useState<CategoryCode | ''>('');
  const [subtype, setSubtype] = useState('');
  const [mode, setMode] = useState<Mode>('focused');
  const [source, setSource] = useState<Source>(taskId ? 'followup' : dTaskId ? 'checklist' : 'own');
  const [sourceRef, setSourceRef] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problems, setProblems] = useState<string[]>(['']);
  const [notes, setNotes] = useState('');
  // 在产: what the ledger check needs (a closed workshop found idle agrees with its ledger).
  const [operating, setOperating] = useState(true);
  const [media, setMedia] = useState<Captured[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  useCapturedUrls(media);
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    if (!task || prefilled) return;
    setPrefilled(true);
    setSourceRef(task.problemId);
    if (task.category in CATEGORIES) setCategory(task.category as CategoryCode);
    void siteOfTask(task).then((s) => setSite((cur) => cur ?? s));
  }, [task, prefilled]);
  useEffect(() => {
    if (!dTask || prefilled) return;
    setPrefilled(true);
    if (dTask.clue) {
      setSource('hotline');
      setSourceRef(dTask.clue.number);
      setCategory((dTask.clue.category as CategoryCode | null) ?? 'hotline_12369');
    } else {
      setSource('checklist');
      setCategory('province_checklist');
    }
    const ts = dTask.site;
    if (ts) void db.sites.get(ts.id).then((s) => setSite((cur) => cur ?? s ?? null));
  }, [dTask, prefilled]);
  // While a pollution alert covers the site, emergency controls (category 2) come first.
  const alerts = useLive(() => alertsNow(site?.divisionCode || undefined), [site?.divisionCode], []);
  const underAlert = !!site?.divisionCode && alerts.length > 0;
  const categoryOrder = inspectionCategoryOrder(
    site?.divisionCode ? alerts : [],
    site?.divisionCode ?? '',
    new Date(),
  );
  const backTo = taskId ? `/followup/${taskId}` : '/';

  const subtypes = subtypesOf(category);
  // A follow-up record starts filled in (site, category): only what the user added counts.
  const dirty = !!((!taskId && !dTaskId && (site || category)) || outcome || notes || media.length);

  function validate(): Errors {
    const e: Errors = {};
    if (!site) e.site = '请选择或登记点位';
    if (!category) e.category = '请选择检查类别';
    else if (Object.keys(subtypes).length && !subtype) e.subtype = '请选择具体类型';
    if (!outcome) e.outcome = '请选择检查结果';
    if (!ctx?.team) e.save = '今天没有查到您的小组，不能新建记录；请联网后在首页刷新';
    else if (outcome !== 'no_problem' && !problems.some((p) => p.trim()))
      e.problems = '发现问题时须填写问题描述';
    if (dTask?.clue && (!verdict || feedback.trim().length < MIN_FEEDBACK))
      e.verification = `请选择核查结论并填写不少于${MIN_FEEDBACK}个字的核查反馈`;
    return e;
  }

  async function save() {
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length || !site || !ctx?.team || !category || !outcome) {
      document.querySelector('.error')?.scrollIntoView({ block: 'center' });
      return;
    }
    try {
      const prepared = await prepareEvidence(media, id, (n, f) =>
        setSaving(`正在计算第 ${n + 1}/${media.length} 个文件的校验值 ${Math.floor(f * 100)}%`),
      );
      setSaving('正在保存…');
      const fix = geo.fix;
      const body: InspectionBody = {
        id,
        teamId: ctx.team.id,
        siteId: site.id,
        startedAt,
        category,
        subtype: Object.keys(subtypes).length ? subtype : null,
        mode,
        source,
        sourceRef: source === 'own' ? null : sourceRef.trim() || null,
        position: fix ? { lat: fix.lat, lng: fix.lng, accuracy: Math.min(100_000, fix.accuracy) } : null,
        outcome,
        problems:
          outcome === 'no_problem'
            ? []
            : problems.filter((p) => p.trim()).map((p) => ({ description: p.trim() })),
        notes: notes.trim(),
        ...(dTask ? { taskId: dTask.id } : {}),
        ...(instructionId ? { instructionId } : {}),
        ...(dTask?.clue && verdict ? { verification: { result: verdict, feedback: feedback.trim() } } : {}),
        ...(recordsEnterprise(site, category) ? { operating } : {}),
      };
      await queueInspection(body, site, prepared);
      flash.set(`已保存：${site.name}。${navigator.onLine ? '正在发送…' : '联网后自动发送。'}`);
      kick();
      go(backTo, true);
    } catch (err) {
      setErrors({
        save: `保存失败：${err instanceof Error ? err.message : String(err)}（手机存储空间可能不足）`,
      });
      setSaving(null);
    }
  }

  if (picking) {
    return (
      <SitePicker
        fix={geo.fix}
        selected={site}
        onPick={(s) => {
          setSite(s);
          setErrors((x) => ({ ...x, site: undefined }));
          window.history.back();
        }}
        onClose={() => window.history.back()}
      />
    );
  }

  return (
    <main className="app">
      <TopBar
        title={taskId ? '回头看检查记录' : dTask ? '核查任务检查记录' : '新建检查记录'}
        onBack={() => (dirty ? setLeaving(true) : go(backTo, true))}
      />
      <div className="content">
        <p className="muted">开始时间 {clockTime(startedAt)} · 保存在本机，联网后自动发送</p>
        {dTask && (
          <div className="banner info" data-testid="task-ref">
            {dTask.checklist
              ? `省厅推送清单：${dTask.checklist.siteName ?? dTask.checklist.address}（${dTask.checklist.countyName}）—${dTask.checklist.reason}`
              : `12369线索 ${dTask.clue?.number}：${dTask.clue?.place}—${dTask.clue?.content}`}
            。保存后该任务随本记录办结。
          </div>
        )}
        {underAlert && (
          <div className="banner warn" data-testid="alert-first">
            该点位在预警范围内：请优先检查应急管控措施落实情况。
          </div>
        )}

        <section className="card">
          <Field label="点位" required error={errors.site}>
            {site && (
              <div className="site selected" data-testid="chosen-site">
                <strong>{site.name}</strong>
                <span className="muted">
                  {SITE_KINDS[site.kind]}
                  {site.address ? ` · ${site.address}` : ''}
                  {site.origin === 'local' ? ' · 本机新登记' : ''}
                </span>
              </div>
            )}
            <button type="button" className="btn block" onClick={() => go('/new/site')}>
              {site ? '更换点位' : '选择点位（搜索或新登记）'}
            </button>
          </Field>
          {site && recordsEnterprise(site, category) && (
            <>
              <label style={{ display: 'flex', gap: 8, alignItems: 'center', minHeight: 44 }}>
                <input type="checkbox" checked={operating} onChange={(e) => setOperating(e.target.checked)} />{' '}
                现场正在生产（在产）
              </label>
              <LedgerFlag site={site} operating={operating} />
            </>
          )}
        </section>

        <section className="card">
          <Field label="检查类别" required error={errors.category} htmlFor="category">
            <select
              id="category"
              className="input"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value as CategoryCode);
                setSubtype('');
              }}
            >
              <option value="">请选择</option>
              {categoryOrder.map((code) => (
                <option key={code} value={code}>
                  {CATEGORIES[code].label}
                  {underAlert && code === 'pollution_alert' ? '（预警期间优先）' : ''}
                </option>
              ))}
            </select>
          </Field>
          {Object.keys(subtypes).length > 0 && (
            <Field label="具体类型" required error={errors.subtype} htmlFor="subtype">
              <select
                id="subtype"
                className="input"
                value={subtype}
                onChange={(e) => setSubtype(e.target.value)}
              >
                <option value="">请选择</option>
                {Object.entries(subtypes).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field label="检查方式" required>
            <Choices label="检查方式" options={MODES} value={mode} onChange={setMode} columns={2} />
          </Field>
          <Field label="线索来源" required htmlFor="source">
            <select
              id="source"
              className="input"
              value={source}
              onChange={(e) => setSource(e.target.value as Source)}
            >
              {Object.entries(SOURCES).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          {source === 'followup' && task && sourceRef === task.problemId ? (
            <p className="muted" data-testid="followup-ref">
              回头看：{task.site.name}
              {task.handover ? `（交办单 ${task.handover.number}）` : ''}
            </p>
          ) : (
            source !== 'own' &&
            !dTask && (
              <Field label="清单、线索或指令编号" htmlFor="sourceRef">
                <input
                  id="sourceRef"
                  className="input"
                  maxLength={100}
                  value={sourceRef}
                  onChange={(e) => setSourceRef(e.target.value)}
                />
              </Field>
            )
          )}
        </section>

        {instructions.length > 0 && (
          <section className="card">
            <Field label="依据调度指令（选填）" htmlFor="instruction">
              <select
                id="instruction"
                className="input"
                value={instructionId}
                onChange={(e) => setInstructionId(e.target.value)}
              >
                <option value="">不引用指令</option>
                {instructions.map((i) => (
                  <option key={i.id} value={i.id}>
                    【{i.kindLabel}】{i.text.slice(0, 30)}
                  </option>
                ))}
              </select>
            </Field>
          </section>
        )}

        <section className="card">
          <Field label="检查结果" required error={errors.outcome}>
            <Choices label="检查结果" options={OUTCOMES} value={outcome} onChange={setOutcome} />
          </Field>
          {outcome && outcome !== 'no_problem' && (
            <Field label="问题描述" required error={errors.problems}>
              {problems.map((p, n) => (
                <textarea
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at its end
                  key={n}
                  className="input"
                  aria-label={`问题${n + 1}`}
                  placeholder={`问题${n + 1}：具体位置、现象、涉及设施`}
                  maxLength={2000}
                  value={p}
                  onChange={(e) => setProblems(problems.map((x, i) => (i === n ? e.target.value : x)))}
                />
              ))}
              {problems.length < 20 && (
                <button type="button" className="btn small" onClick={() => setProblems([...problems, ''])}>
                  ＋ 再加一个问题
                </button>
              )}
            </Field>
          )}
          {dTask?.clue && (
            <Field label="线索核查结论" required error={errors.verification}>
              <Choices
                label="线索核查结论"
                options={VERDICTS}
                value={verdict}
                onChange={setVerdict}
                columns={2}
              />
              <textarea
                className="input"
                aria-label="核查反馈"
                placeholder="核查反馈：现场核实情况、处理措施（不少于10个字）"
                maxLength={4000}
                value={feedback}
                onChange={(e) => setFeedback(e.target.value)}
              />
            </Field>
          )}
          <Field label="备注" htmlFor="notes">
            <textarea
              id="notes"
              className="input"
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </Field>
        </section>

        <section className="card">
          <EvidencePicker
            items={media}
            onAdd={(c) => setMedia((m) => [...m, ...c])}
            onRemove={(rid) =>
              setMedia((m) => {
                const gone = m.find((c) => c.id === rid);
                if (gone) URL.revokeObjectURL(gone.url);
                return m.filter((c) => c.id !== rid);
              })
            }
          />
          {outcome === 'suspected_violation' && media.length === 0 && (
            <div className="banner warn">涉嫌环境违法的，请拍摄现场照片或视频作为证据。</div>
          )}
          <div className="field">
            <span className="label">定位</span>
            <p data-testid="position">
              {geo.fix
                ? `已定位 · 精度约 ±${geo.fix.accuracy} 米（${geo.fix.lat.toFixed(5)}, ${geo.fix.lng.toFixed(5)}）`
                : geo.waiting
                  ? '正在定位…'
                  : `${geo.error ?? '暂未取得定位'}，可以继续记录`}
            </p>
          </div>
        </section>

        {errors.save && <div className="banner bad">{errors.save}</div>}
      </div>
      <div className="sticky-foot">
        <button
          type="button"
          className="btn primary block huge"
          disabled={!!saving}
          onClick={() => void save()}
        >
          {saving ?? '保存记录'}
        </button>
      </div>
      {leaving && (
        <Modal title="放弃这条记录？">
          <p>已填写的内容和照片不会保存。</p>
          <button type="button" className="btn danger block" onClick={() => go(backTo, true)}>
            放弃
          </button>
          <button type="button" className="btn block" onClick={() => setLeaving(false)}>
            继续填写
          </button>
        </Modal>
      )}
    </main>
  );
}
