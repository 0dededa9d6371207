/**
 * Where distributed runs send their tasks, and the instructor's controls: start a room server (this
 * machine only, or the room's network with passwords), use a running server, or stop and go back to a
 * private server per run. Attendees see the state, not the controls.
 */
import type { ReactNode } from 'react';
import type { ClusterState } from '../../../../shared/cluster';
import { selectIsAttendee } from '../../store/room-slice';
import {
  selectClusterEditable,
  selectClusterPortProblem,
  selectClusterUrlProblem,
  type ClusterForm,
} from '../../store/cluster-slice';
import { useCluster, useLab } from '../../store/store-context';

/** Where the broker is, in one sentence. */
export function brokerWords(state: ClusterState): string {
  switch (state.mode) {
    case 'private':
      return 'Each distributed run starts a private NATS server on 127.0.0.1 with local workers, and stops it after.';
    case 'room':
      return `This lab runs the room’s NATS server at ${state.url}: distributed runs use it, with local workers and every worker that joined.`;
    case 'server':
      return `Distributed runs use the NATS server at ${state.url}, with local workers and every worker that joined it.`;
  }
}

function Field({
  field,
  label,
  problem,
  type = 'text',
  placeholder,
}: {
  readonly field: keyof ClusterForm;
  readonly label: string;
  readonly problem?: string | null;
  readonly type?: 'text' | 'password';
  readonly placeholder?: string;
}): ReactNode {
  const value = useLab((s) => s.cluster.form[field]);
  const edited = useLab((s) => s.clusterFormEdited);
  const id = `cluster-${field}`;
  return (
    <div className="cluster-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => edited(field, event.target.value)}
      />
      {problem && (
        <span id={`${id}-problem`} className="hint">
          {problem}
        </span>
      )}
    </div>
  );
}

function StartRoom({ state }: { readonly state: ClusterState }): ReactNode {
  const cluster = useCluster();
  const host = useLab((s) => s.cluster.form.host);
  const edited = useLab((s) => s.clusterFormEdited);
  const portProblem = useLab(selectClusterPortProblem);
  const editable = useLab(selectClusterEditable);
  const starting = useLab((s) => s.cluster.pending === 'start');
  const missing = state.natsServer.available ? null : state.natsServer.reason;
  return (
    <form
      className="cluster-form"
      aria-labelledby="cluster-start-title"
      onSubmit={(event) => {
        event.preventDefault();
        void cluster.startRoom();
      }}
    >
      <h3 id="cluster-start-title">Start a room server</h3>
      <fieldset className="cluster-reach">
        <legend>Who can join</legend>
        <label>
          <input
            type="radio"
            name="cluster-host"
            checked={host === '127.0.0.1'}
            onChange={() => edited('host', '127.0.0.1')}
          />
          This machine only (127.0.0.1)
        </label>
        <label>
          <input
            type="radio"
            name="cluster-host"
            checked={host === '0.0.0.0'}
            onChange={() => edited('host', '0.0.0.0')}
          />
          The room’s network (0.0.0.0): attendees join with a password that only lets them take tasks
        </label>
      </fieldset>
      <Field field="port" label="Port" problem={portProblem} placeholder="4222" />
      {missing && <p className="field-error">{missing}</p>}
      <div className="button-row">
        <button
          type="submit"
          className="button button-primary"
          disabled={!editable || !!portProblem || !!missing}
        >
          {starting ? 'Starting…' : 'Start room server'}
        </button>
      </div>
    </form>
  );
}

function UseServer(): ReactNode {
  const cluster = useCluster();
  const urlProblem = useLab(selectClusterUrlProblem);
  const editable = useLab(selectClusterEditable);
  const connecting = useLab((s) => s.cluster.pending === 'connect');
  const typed = useLab((s) => s.cluster.form.url !== '');
  return (
    <form
      className="cluster-form"
      aria-labelledby="cluster-connect-title"
      onSubmit={(event) => {
        event.preventDefault();
        void cluster.connect();
      }}
    >
      <h3 id="cluster-connect-title">Use a running server</h3>
      <p className="hint">
        A room’s <code>concurrency-lab cluster</code>: its address, and the instructor’s user and password it
        printed.
      </p>
      <Field
        field="url"
        label="Server"
        problem={typed ? urlProblem : null}
        placeholder="nats://192.168.1.10:4222"
      />
      <div className="cluster-login">
        <Field field="user" label="User" placeholder="instructor" />
        <Field field="password" label="Password" type="password" />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={!editable || !!urlProblem}>
          {connecting ? 'Connecting…' : 'Use this server'}
        </button>
      </div>
    </form>
  );
}

/** The broker panel. */
export function ClusterBroker(): ReactNode {
  const state = useLab((s) => s.cluster.state);
  const attendee = useLab(selectIsAttendee);
  const refusal = useLab((s) => s.cluster.refusal);
  const editable = useLab(selectClusterEditable);
  const stopping = useLab((s) => s.cluster.pending === 'stop');
  const cluster = useCluster();
  if (!state)
    return (
      <section className="panel">
        <p className="empty-state">Asking the engine where its broker is…</p>
      </section>
    );
  return (
    <section className="panel cluster-broker" aria-labelledby="cluster-title">
      <div className="panel-header">
        <h2 id="cluster-title">Broker</h2>
        <span className="panel-aside">
          <span className={`badge cluster-mode cluster-mode-${state.mode}`}>
            {state.mode === 'private'
              ? 'private per run'
              : state.mode === 'room'
                ? 'room server'
                : 'running server'}
          </span>
        </span>
      </div>
      <p className="cluster-where">{brokerWords(state)}</p>
      {state.reach && <p className="hint">Reachable from {state.reach}.</p>}
      {state.problem && (
        <p className="alert" role="status">
          {state.problem}
        </p>
      )}
      {refusal && (
        <p className="alert" role="alert">
          {refusal}
        </p>
      )}
      {attendee ? (
        <p className="hint">The instructor starts and stops the room’s server.</p>
      ) : state.mode === 'private' ? (
        <div className="cluster-forms">
          <StartRoom state={state} />
          <UseServer />
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button" disabled={!editable} onClick={() => void cluster.stop()}>
            {stopping
              ? 'Stopping…'
              : state.mode === 'room'
                ? 'Stop the room server'
                : 'Stop using this server'}
          </button>
          <span className="hint">Distributed runs then start a private server again.</span>
        </div>
      )}
    </section>
  );
}
