import { type ReactNode, useEffect, useState } from 'react';
import { go, useRoute, useStore } from './hooks.ts';
import { startBackground } from './sender.ts';
import { session } from './session.ts';
import { InstructionList } from './ui/Dispatch.tsx';
import { FollowUpList } from './ui/FollowUps.tsx';
import { FollowUpTask } from './ui/FollowUpTask.tsx';
import { Home } from './ui/Home.tsx';
import { InspectionForm } from './ui/InspectionForm.tsx';
import { Integrity } from './ui/Integrity.tsx';
import { Login } from './ui/Login.tsx';
import { Records } from './ui/Records.tsx';
import { SetPassword } from './ui/SetPassword.tsx';

let started = false;

/** A new service worker took over: the next page load runs the new version. */
function UpdateNotice() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw?.controller) return; // the first install also fires controllerchange: not an update
    const onChange = () => setReady(true);
    sw.addEventListener('controllerchange', onChange);
    return () => sw.removeEventListener('controllerchange', onChange);
  }, []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="banner info"
      style={{ width: '100%', border: 0 }}
      onClick={() => window.location.reload()}
    >
      新版本已就绪，点此刷新（本机记录不受影响）
    </button>
  );
}

export function App() {
  const s = useStore(session);
  const route = useRoute();
  useEffect(() => {
    if (s && !started) {
      started = true;
      void startBackground();
    }
  }, [s]);

  if (s === undefined) return <main className="app" aria-busy="true" />;
  if (s === null) return <Login />;
  if (s.mustChangePassword) return <SetPassword />;
  let screen: ReactNode;
  if (route === '/login') screen = <Login relogin={s.user.username} onDone={() => go('/', true)} />;
  // The form stays mounted while its site picker is open (#/new/site), so nothing typed is lost.
  else if (route.startsWith('/new')) {
    // #/new?followup=<task>: a follow-up inspection at the task's site (read once, when the form opens).
    const followUp = /[?&]followup=([^&]+)/.exec(route)?.[1];
    // #/new?task=<task>: a record verifying a pushed checklist item or a 12369 clue.
    const dispatchTask = /[?&]task=([^&]+)/.exec(route)?.[1];
    screen = (
      <InspectionForm
        picking={route === '/new/site'}
        followUpTaskId={followUp ? decodeURIComponent(followUp) : undefined}
        dispatchTaskId={dispatchTask ? decodeURIComponent(dispatchTask) : undefined}
      />
    );
  } else if (route === '/records') screen = <Records />;
  else if (route === '/integrity') screen = <Integrity />;
  else if (route === '/followups') screen = <FollowUpList />;
  else if (route.startsWith('/followup/'))
    screen = <FollowUpTask taskId={decodeURIComponent(route.slice('/followup/'.length))} />;
  else screen = <Home />;
  return (
    <>
      <UpdateNotice />
      {screen}
    </>
  );
}
