import { useState } from 'react';
import {
  DUPLICATE_SITE_RADIUS_M,
  ENTERPRISE_KINDS,
  isValidCreditCode,
  normalizeCreditCode,
  SITE_KIND_CODES,
  SITE_KINDS,
  type SiteKind,
} from '../core.ts';
import { type CachedSite, db } from '../db.ts';
import { type Fix, useLive } from '../hooks.ts';
import { uuidv7 } from '../ids.ts';
import { queueSite } from '../outbox.ts';
import { duplicateCandidates, metres } from '../sites.ts';
import { SiteRow } from './SiteRow.tsx';
import { Field, TopBar } from './widgets.tsx';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Registers a site that is not in the registry. Before it is created the phone proposes the
 * existing sites it may duplicate, so the registry does not fill with the same factory under
 * three spellings; only after the user says "none of these" is it sent with confirmNew.
 */
export function NewSiteForm(props: {
  fix: Fix | null;
  sites: CachedSite[];
  initialName: string;
  onDone: (s: CachedSite) => void;
  onCancel: () => void;
}) {
  const divisions = useLive(() => db.divisions.toArray(), [], []);
  const [name, setName] = useState(props.initialName);
  const [kind, setKind] = useState<SiteKind>('industrial');
  const [code, setCode] = useState('');
  const [division, setDivision] = useState('');
  const [address, setAddress] = useState('');
  const [usePosition, setUsePosition] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [candidates, setCandidates] = useState<ReturnType<typeof duplicateCandidates> | null>(null);

  const normalized = normalizeCreditCode(code);
  const codeError =
    normalized && !isValidCreditCode(normalized)
      ? '统一社会信用代码校验不通过（18位，末位为校验码），请核对'
      : null;
  const pos = usePosition ? props.fix : null;

  function check() {
    const e: Record<string, string> = {};
    if (!name.trim()) e.name = '请填写点位名称';
    if (codeError) e.code = codeError;
    if (!division) e.division = '请选择所在区县';
    setErrors(e);
    if (Object.keys(e).length) return;
    const found = duplicateCandidates(props.sites, normalized || null, pos);
    if (found.length) setCandidates(found);
    else void create();
  }

  async function create() {
    const site = await queueSite({
      id: uuidv7(),
      name: name.trim(),
      kind,
      creditCode: normalized || null,
      address: address.trim() || null,
      divisionCode: division,
      divisionName: divisions.find((d) => d.code === division)?.name,
      lat: pos ? round6(pos.lat) : null,
      lng: pos ? round6(pos.lng) : null,
    });
    props.onDone(site);
  }

  if (candidates) {
    return (
      <main className="app">
        <TopBar title="是否为已有点位？" onBack={() => setCandidates(null)} />
        <div className="content">
          <div className="banner warn">
            点位库中已有 {candidates.length} 个相同信用代码或 {DUPLICATE_SITE_RADIUS_M}{' '}
            米内的点位。如果是同一个，请直接选它。
          </div>
          <div className="list">
            {candidates.map(({ site, distance }) => (
              <SiteRow key={site.id} site={site} distance={distance} onClick={() => props.onDone(site)} />
            ))}
          </div>
          <button type="button" className="btn primary block" onClick={() => void create()}>
            都不是，登记为新点位
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="app">
      <TopBar title="登记新点位" onBack={props.onCancel} />
      <div className="content">
        <section className="card">
          <Field label="点位名称" required error={errors.name} htmlFor="site-name">
            <input
              id="site-name"
              className="input"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field label="点位类型" required htmlFor="site-kind">
            <select
              id="site-kind"
              className="input"
              value={kind}
              onChange={(e) => setKind(e.target.value as SiteKind)}
            >
              {SITE_KIND_CODES.map((k) => (
                <option key={k} value={k}>
                  {SITE_KINDS[k]}
                </option>
              ))}
            </select>
          </Field>
          {ENTERPRISE_KINDS.includes(kind) && (
            <Field
              label="统一社会信用代码"
              error={errors.code ?? (normalized.length >= 18 ? codeError : null)}
              htmlFor="site-code"
              hint="可不填；填写时按国家标准核对校验位"
            >
              <input
                id="site-code"
                className={`input${codeError && normalized.length >= 18 ? ' invalid' : ''}`}
                maxLength={18}
                autoCapitalize="characters"
                value={code}
                onChange={(e) => setCode(e.target.value.toUpperCase())}
              />
            </Field>
          )}
          <Field label="所在区县" required error={errors.division} htmlFor="site-division">
            <select
              id="site-division"
              className="input"
              value={division}
              onChange={(e) => setDivision(e.target.value)}
            >
              <option value="">{divisions.length ? '请选择' : '本机没有区县数据，请联网刷新'}</option>
              {divisions.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="地址" htmlFor="site-address">
            <input
              id="site-address"
              className="input"
              maxLength={200}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          </Field>
          <Field label="位置">
            {props.fix ? (
              <label className="choice">
                <input
                  type="checkbox"
                  checked={usePosition}
                  onChange={(e) => setUsePosition(e.target.checked)}
                />
                使用当前位置（精度约 ±{metres(props.fix.accuracy)}）
              </label>
            ) : (
              <p className="muted">暂未取得定位，点位将不带坐标登记</p>
            )}
          </Field>
        </section>
        <button type="button" className="btn primary block huge" onClick={check}>
          下一步
        </button>
      </div>
    </main>
  );
}
