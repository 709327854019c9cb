import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { expectAccessible, screenshots, watchForErrors } from './helpers';

test.describe('NGO case worker, in Russian (the browser asks for ru-RU)', () => {
  test('signs in, sees what needs action and the requests by state, switches language, signs out', async ({ page }) => {
    const problems = watchForErrors(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'sign-in');

    // nothing typed: both fields named, in Russian, and the summary has the focus
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert')).toBeFocused();
    await expect(page.getByRole('alert')).toContainText('Введите адрес электронной почты');
    await expect(page.getByRole('alert')).toContainText('Введите пароль');

    // a wrong password: the API's code in Russian words, never the server's English sentence
    await page.getByLabel('Электронная почта').fill('ngo.kz@example.org');
    await page.getByLabel('Пароль').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert')).toContainText('Неверный адрес электронной почты или пароль');
    await expect(page.getByText(/invalid|credentials/i)).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, 'sign-in-error');

    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Заявки по статусам' })).toBeVisible();
    // the full demo has Kazakh requests: a table of them with states in Russian and money in tenge
    await expect(page.getByRole('table', { name: 'Заявки вашей организации' })).toBeVisible();
    await expect(page.getByRole('table').getByText('Одобрена').first()).toBeVisible();
    await expect(page.getByRole('table').getByText(/KZT/).first()).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'home');

    // the request that failed a rule: every rule in Russian words, the failed one with what to do
    await page.getByRole('row').filter({ hasText: 'Не соответствует условиям' }).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: /^Заявка EF-KZ-/ })).toBeVisible();
    await expect(page.getByText('Заявка соответствует не всем правилам фонда')).toBeVisible();
    await expect(page.locator('.rule-fail').first()).toContainText('Не выполнено');
    await expect(page.locator('.rule-fail').first()).toContainText(/превышает|уменьшите|Укажите|Приложите/);
    await expect(page.locator('.rule-pass').first()).toContainText('Выполнено');
    for (const list of await page.locator('.rules').all()) await expect(list).not.toContainText(/[A-Za-z]{4,}/);
    // a message to the officer joins the thread
    await page.getByLabel('Написать сотруднику фонда').fill('Смета клиники приложена, операция на следующей неделе.');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await expect(page.locator('.thread')).toContainText('Смета клиники приложена');
    await expect(page.locator('.thread')).toContainText('Ваша организация');
    await expectAccessible(page);
    await screenshots(page, 'request');
    await page.getByRole('link', { name: 'Назад на главную' }).click();

    // the bell: two unread notices of the full demo (today's decision, the follow-up due), in Russian words; opening the list reads them
    await page.getByRole('link', { name: 'Уведомления, 2 непрочитанных' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Уведомления' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'Новое' })).toHaveCount(2);
    await expect(page.getByRole('listitem').filter({ hasText: 'Новое' })).toContainText([
      'По заявке принято решение',
      'Пора ответить на контроль',
    ]);
    await expectAccessible(page);
    await screenshots(page, 'notifications');
    await expect(page.getByRole('link', { name: 'Уведомления', exact: true })).toBeVisible();

    // register a person: nothing filled names every question, in Russian; then the person's page
    await page.getByRole('link', { name: 'Люди' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Люди' })).toBeVisible();
    await page.getByRole('link', { name: 'Зарегистрировать человека' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Регистрация человека' })).toBeVisible();
    await page.getByLabel('Устно').check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('alert')).toBeFocused();
    for (const text of [
      'Введите ФИО человека',
      'Введите настоящую дату рождения',
      'Выберите пол',
      'Выберите категорию',
      'Выберите гражданство',
    ]) {
      await expect(page.getByRole('alert')).toContainText(text);
    }
    await expectAccessible(page);
    await screenshots(page, 'person-new-errors');
    await page.getByLabel('ФИО').fill('Мадина Юсупова');
    await page.locator('#dateOfBirth').fill('14');
    await page.locator('#dateOfBirth-month').fill('2');
    await page.locator('#dateOfBirth-year').fill('1994');
    await page.getByLabel('Женский').check();
    await page.getByLabel('Уязвимый мигрант').check();
    await page.getByLabel('Гражданство').selectOption('UZ');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Человек BEN-KZ-/ })).toBeVisible();
    await expect(page.getByText('Мадина Юсупова')).toBeVisible();
    await expect(page.getByText('14 февраля 1994 г.')).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'person');

    // correct a mistake: the form comes filled in, the correction shows on the person's page
    await page.getByRole('link', { name: 'Исправить ошибку' }).click();
    await expect(page.getByLabel('ФИО')).toHaveValue('Мадина Юсупова');
    await expectAccessible(page);
    await screenshots(page, 'person-correct');
    await page.getByLabel('ФИО').fill('Мадина Юсуповна');
    await page.getByRole('button', { name: 'Сохранить исправление' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Человек BEN-KZ-/ })).toBeVisible();
    await expect(page.getByText('Мадина Юсуповна')).toBeVisible();
    await page.getByRole('link', { name: 'Назад к списку людей' }).click();
    await expect(page.getByRole('table', { name: 'Люди, зарегистрированные вашей организацией' })).toContainText('Мадина Юсуповна');
    await expectAccessible(page);
    await screenshots(page, 'people');
    await page.getByRole('link', { name: 'Главная' }).click();

    // a reload keeps the session (refresh token of this tab)
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();

    await page.getByLabel('Язык').selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('table', { name: "Your organisation's requests" })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('the language chosen is remembered on the user: another browser asking for Russian gets English after sign-in', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
    await page.getByLabel('Электронная почта').fill('ngo.kz@example.org');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    // the first test switched ngo.kz to English, which is stored on the user
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
    await context.close();
  });

  test("answers an officer's request for information in the thread and sends the request again", async ({ page, request }) => {
    // the officer's side through the API: a new request of ngo.kz, claimed, information asked
    const token = async (email: string) =>
      (await (await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })).json()).accessToken as string;
    const [ngo, officer] = [await token('ngo.kz@example.org'), await token('officer.kz@example.org')];
    const as = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    const person = await request.post('/api/v1/beneficiaries', {
      ...as(ngo),
      data: {
        category: 'VOT',
        sex: 'female',
        birthYear: 1990,
        nationality: 'KZ',
        fullName: 'Айгерим Нурланова',
        dateOfBirth: '1990-05-06',
        consent: { givenAt: '2026-11-01', method: 'verbal' },
      },
    });
    expect(person.status()).toBe(201);
    const draft = await request.post('/api/v1/applications', {
      ...as(ngo),
      data: {
        beneficiaryId: (await person.json()).id,
        urgency: 'standard',
        stateSupport: { requested: true, outcome: 'refused' },
        items: [{ type: 'social', description: 'Продуктовый набор', amount: '12000.00' }],
      },
    });
    const id = (await draft.json()).id as string;
    expect((await request.post(`/api/v1/applications/${id}/submit`, as(ngo))).status()).toBe(200);
    expect((await request.post(`/api/v1/applications/${id}/claim`, as(officer))).status()).toBe(200);
    const asked = await request.post(`/api/v1/applications/${id}/decisions`, {
      ...as(officer),
      data: { decision: 'request_info', comment: 'Пришлите, пожалуйста, справку из кризисного центра.' },
    });
    expect(asked.status()).toBe(200);

    await page.goto('/');
    await page.getByLabel('Электронная почта').fill('ngo.kz@example.org');
    await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page
      .getByRole('link', { name: /^Сотрудник фонда задал вопрос по заявке EF-KZ-/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /^Заявка EF-KZ-/ })).toBeVisible();
    await expect(page.locator('.tag-info_requested')).toHaveText('Запрошена информация');
    // the question is in the thread as the officer's message, not only in the history
    await expect(page.locator('.thread .message-officer')).toContainText('Пришлите, пожалуйста, справку из кризисного центра.');
    await expect(page.locator('.thread .message-officer')).toContainText('запрашивает информацию');
    await page.getByLabel('Написать сотруднику фонда').fill('Справка приложена к сообщению в бумажном виде, номер 42.');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await expect(page.locator('.thread')).toContainText('Справка приложена');
    await expectAccessible(page);
    await screenshots(page, 'request-info');
    await page.getByRole('button', { name: 'Отправить снова' }).click();
    await expect(page.locator('.tag-submitted')).toHaveText('Отправлена');
    await expect(page.getByRole('button', { name: 'Отправить снова' })).toHaveCount(0);
  });

  test('an address of the app that is not a file serves the app; a missing asset is a 404', async ({ request }) => {
    const page = await request.get('/requests/anything');
    expect(page.status()).toBe(200);
    expect(page.headers()['content-type']).toContain('text/html');
    expect(page.headers()['cache-control']).toBe('no-cache');
    expect((await request.get('/assets/missing-file.js')).status()).toBe(404);
    // the app's script arrives compressed and cached for good (its name changes with its content)
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())![1];
    const asset = await request.get(script, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status()).toBe(200);
    expect(asset.headers()['content-encoding']).toBe('br');
    expect(asset.headers()['cache-control']).toContain('immutable');
    expect((await request.get('/api/v1/no-such-route')).status()).toBe(404);
    // the service worker is checked on every visit, compressed or not (a new release replaces it)
    for (const encoding of ['br', 'identity']) {
      const worker = await request.get('/sw.js', { headers: { 'accept-encoding': encoding } });
      expect(worker.status()).toBe(200);
      expect(worker.headers()['cache-control']).toBe('no-cache');
    }
  });

  test('after a first visit the app opens without a connection (the shell is kept; no API answer is)', async ({ context, page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload(); // the page is now served by the worker, which keeps what it loads
    await expect(page.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
    const stored = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls = (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)))).flat();
      return urls.map((u) => new URL(u).pathname);
    });
    expect(stored).toContain('/');
    expect(stored.some((p) => p.startsWith('/assets/'))).toBe(true);
    expect(stored.filter((p) => p.startsWith('/api/'))).toEqual([]);

    await context.setOffline(true);
    const offline = await context.newPage();
    await offline.goto('/requests/anything');
    await expect(offline.getByRole('heading', { level: 1, name: 'Вход' })).toBeVisible();
    await expect(offline.locator('.banner')).toHaveText('Нет соединения. Войти можно, когда связь появится.');
    await context.setOffline(false);
  });
});

test.describe('NGO case worker, in English (the browser asks for en-GB)', () => {
  test.use({ locale: 'en-GB' });

  test('signs in, registers a person with every problem named in English, opens a request', async ({ page }) => {
    const problems = watchForErrors(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Email').fill('ngo.kz@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // ngo.kz chose Russian last (stored on the user): switch back to English for this run
    await expect(page.locator('.who')).toBeVisible();
    await page.getByLabel(/^(Язык|Language)$/).selectOption('en');
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page.getByRole('table', { name: "Your organisation's requests" })).toContainText('Approved');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('link', { name: 'Register a person' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    for (const text of [
      "Enter the person's full name",
      'Enter a real date of birth',
      "Choose the person's sex",
      'Say how the person agreed',
    ]) {
      await expect(page.getByRole('alert')).toContainText(text);
    }
    await expectAccessible(page);
    await page.getByLabel('Full name').fill('Dilnoza Rakhimova');
    await page.locator('#dateOfBirth').fill('3');
    await page.locator('#dateOfBirth-month').fill('11');
    await page.locator('#dateOfBirth-year').fill('1989');
    await page.getByLabel('Female').check();
    await page.getByLabel('Victim of trafficking').check();
    await page.getByLabel('Nationality').selectOption('TJ');
    await page.getByLabel('In writing').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Person BEN-KZ-/ })).toBeVisible();
    await expect(page.getByText('3 November 1989')).toBeVisible();

    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('row').filter({ hasText: 'Not eligible' }).getByRole('link').click();
    await expect(page.getByText('The request does not meet every rule of the fund')).toBeVisible();
    await expect(page.locator('.rule-fail').first()).toContainText('Not met');
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });
});
