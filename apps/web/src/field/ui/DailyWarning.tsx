import { cachedDailyWarning, type DailyWarning } from '../dailyWarning.ts';
import { useLive, useOnline } from '../hooks.ts';
import { today } from '../refresh.ts';
import { ShortTime } from './Time.tsx';

/** After this long a copy read offline says so: the list may have changed since. */
const STALE_MS = 30 * 60_000;

type Group = DailyWarning['groups'][number];

function GroupWarning({ g, asOf, stale }: { g: Group; asOf: string; stale: boolean }) {
  const warned = Date.parse(asOf) >= Date.parse(g.warningAt);
  const pending = g.state === 'pending' || g.state === 'failed';
  const who = g.forTeamNumber === null ? `第${g.groupNumber}组` : `第${g.forTeamNumber}小组`;
  return (
    <section className="card" aria-label="今日报送缺项" data-testid="daily-warning">
      <h2>今日报送 · {who}</h2>
      {pending && warned && g.missing.length > 0 && (
        <div className="banner bad" role="alert">
          <span>
            已过 <ShortTime at={g.warningAt} /> 提醒时间，请在 <ShortTime at={g.deadlineAt} />{' '}
            报送前补齐以下事项。
          </span>
        </div>
      )}
      {g.missing.length === 0 ? (
        <p>{g.forTeamNumber === null ? '✓ 今日报送材料齐全。' : '✓ 本小组今日没有缺项。'}</p>
      ) : (
        <ul data-testid="daily-missing">
          {g.missing.map((m) => (
            <li
              key={`${m.code}-${m.ref ?? m.teamNumber ?? ''}`}
              style={{ fontWeight: m.severity === 'blocking' ? 700 : undefined }}
            >
              {m.message}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {g.text} · 截至 <ShortTime at={asOf} />
        {stale && '（离线查看的是上次刷新的情况，联网后点“刷新”更新）'}
      </p>
    </section>
  );
}

/** On the home screen: what is still missing for today's 20:00 package, readable offline. */
export function DailyWarningCard() {
  const w = useLive(cachedDailyWarning, [], undefined);
  const online = useOnline();
  if (!w || w.date !== today() || w.groups.length === 0) return null;
  const stale = !online || Date.now() - Date.parse(w.asOf) > STALE_MS;
  return (
    <>
      {w.groups.map((g) => (
        <GroupWarning key={g.groupId} g={g} asOf={w.asOf} stale={stale} />
      ))}
    </>
  );
}
