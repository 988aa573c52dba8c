// Lobby and password screens of the room page: the guest's waiting screen and password prompt, the hosts' list of
// who is knocking with Admit / Deny.

const $ = (id) => document.getElementById(id);

/** Shows the password screen until the user submits (resolves the password) or cancels (resolves null). */
export function askPassword(wrong) {
  const screen = $('password-screen');
  const form = $('password-form');
  const input = $('meeting-password');
  $('password-wrong').hidden = !wrong;
  $('call').hidden = true;
  screen.hidden = false;
  input.value = '';
  input.focus();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      $('password-cancel').removeEventListener('click', onCancel);
      screen.hidden = true;
      $('call').hidden = false;
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      done(input.value);
    };
    const onCancel = () => done(null);
    form.addEventListener('submit', onSubmit);
    $('password-cancel').addEventListener('click', onCancel);
  });
}

/** The guest waits: the lobby screen replaces the call until "joined" (see showCall). */
export function showLobby() {
  $('call').hidden = true;
  $('lobby').hidden = false;
}

/** Back to the call screen (after "joined"). */
export function showCall() {
  if (!$('lobby').hidden) {
    $('lobby').hidden = true;
    $('call').hidden = false;
  }
}

/** The hosts' panel: one row per knock, with Admit and Deny. */
export class KnockList {
  #session;

  constructor(session) {
    this.#session = session;
  }

  add({ knockId, name }) {
    if (document.querySelector(`[data-knock-id="${CSS.escape(knockId)}"]`)) {
      return;
    }
    const row = document.createElement('li');
    row.dataset.knockId = knockId;
    const label = document.createElement('span');
    label.className = 'knock-name';
    label.textContent = name;
    const admit = document.createElement('button');
    admit.type = 'button';
    admit.className = 'primary admit';
    admit.textContent = 'Admit';
    admit.addEventListener('click', () => this.#session.admit(knockId));
    const deny = document.createElement('button');
    deny.type = 'button';
    deny.className = 'secondary deny';
    deny.textContent = 'Deny';
    deny.addEventListener('click', () => this.#session.deny(knockId));
    row.append(label, admit, deny);
    $('knock-list').append(row);
    $('knocks').hidden = false;
  }

  remove(knockId) {
    document.querySelector(`[data-knock-id="${CSS.escape(knockId)}"]`)?.remove();
    $('knocks').hidden = $('knock-list').children.length === 0;
  }
}
