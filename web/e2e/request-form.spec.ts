import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../playwright.config';
import { actionCounter, expectAccessible, samplePdf, screenshots, signIn, watchForErrors } from './helpers';

test.describe('the request form', () => {
  test('RU: a whole new request (a new person, two items, a cost estimate with a Cyrillic name, sent) in at most 25 actions', async ({
    page,
  }) => {
    const problems = watchForErrors(page);
    await signIn(page, DEMO_PASSWORD, 'ru');
    const act = actionCounter();

    await act.click(page.getByRole('link', { name: 'Новая заявка' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Для кого заявка?' })).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'request-person');
    await act.click(page.getByRole('link', { name: 'Зарегистрировать нового человека' }));

    await expect(page.getByRole('heading', { level: 1, name: 'Регистрация человека' })).toBeVisible();
    await act.fill(page.getByLabel('ФИО'), 'Гульнара Ахмедова');
    await act.fill(page.locator('#dateOfBirth'), '3');
    await act.fill(page.locator('#dateOfBirth-month'), '11');
    await act.fill(page.locator('#dateOfBirth-year'), '1989');
    await act.check(page.getByLabel('Женский'));
    await act.check(page.getByLabel('Жертва торговли людьми'));
    await act.select(page.getByLabel('Гражданство'), 'UZ');
    await act.check(page.getByLabel('Письменно'));
    await act.click(page.getByRole('button', { name: 'Сохранить' }));

    // straight on to the help needed, the new person chosen; amounts in the fund's currency
    await expect(page.getByRole('heading', { level: 1, name: 'Какая помощь нужна?' })).toBeVisible();
    await expect(page.getByText(/Фонд оплачивает не более 500\s000,00\sKZT по одной заявке/)).toBeVisible();
    await expect(page.getByLabel('Сумма, KZT')).toBeVisible();
    await act.select(page.locator('#item-0-type'), 'medical');
    await act.fill(page.locator('#item-0-description'), 'Операция после травмы на стройке');
    await act.fill(page.locator('#item-0-amount'), '300 000');
    await act.click(page.getByRole('button', { name: 'Добавить ещё пункт' }));
    await act.select(page.locator('#item-1-type'), 'documents');
    await act.fill(page.locator('#item-1-description'), 'Госпошлина за восстановление паспорта');
    await act.fill(page.locator('#item-1-amount'), '45 000,50');
    await expect(page.getByText(/Итого: 345\s000,50\sKZT/)).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'request-items');
    await act.click(page.getByRole('button', { name: 'Продолжить' }));

    // the draft exists from here on; the cost estimate the medical item needs is the default kind
    await expect(page.getByRole('heading', { level: 1, name: 'Документы' })).toBeVisible();
    await expect(page.getByText('Для этой помощи нужно: Смета')).toBeVisible();
    await expect(page.getByLabel('Что это за документ?')).toHaveValue('cost_estimate');
    await act.upload(page.getByLabel('Выберите файл'), { name: 'Смета клиники №2.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await expect(page.locator('.documents')).toContainText('Смета клиники №2.pdf');
    await expect(page.locator('.documents')).toContainText('Смета,');
    await expectAccessible(page);
    await screenshots(page, 'request-documents');
    await act.click(page.getByRole('button', { name: 'Продолжить' }));

    await expect(page.getByRole('heading', { level: 1, name: 'Помощь государства, причины и срочность' })).toBeVisible();
    await act.check(page.getByLabel('Да, и получили отказ'));
    // the State agency and the day are optional (not counted): typed here all the same
    await page.getByLabel('Какой орган?').fill('Городская поликлиника №3, Шымкент');
    await page.locator('#requestedOn').fill('20');
    await page.locator('#requestedOn-month').fill('11');
    await page.locator('#requestedOn-year').fill('2026');
    await act.fill(
      page.getByLabel('Зачем человеку нужна эта помощь?'),
      'Травма на стройке, страховки нет, без операции не сможет работать.',
    );
    await expect(page.getByLabel('Обычная')).toBeChecked();
    await expect(page.getByLabel('Русский')).toBeChecked();
    await expectAccessible(page);
    await screenshots(page, 'request-about');
    await act.click(page.getByRole('button', { name: 'Продолжить' }));

    // check answers: every answer with Change, the pre-check in Russian words, then send
    await expect(page.getByRole('heading', { level: 1, name: 'Проверьте ответы перед отправкой' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Гульнара Ахмедова');
    await expect(page.locator('main')).toContainText('Операция после травмы на стройке');
    await expect(page.locator('main')).toContainText(/345\s000,50\sKZT/);
    await expect(page.locator('main')).toContainText('Смета клиники №2.pdf');
    await expect(page.locator('main')).toContainText('Городская поликлиника №3, Шымкент');
    await expect(page.locator('main')).toContainText('20 ноября 2026 г.');
    expect(await page.getByRole('link', { name: /^Изменить/ }).count()).toBeGreaterThanOrEqual(7);
    await expect(page.getByText('В нынешнем виде заявка соответствует правилам фонда.')).toBeVisible();
    for (const list of await page.locator('.rules').all()) await expect(list).not.toContainText(/[A-Za-z]{4,}/);
    await expectAccessible(page);
    await screenshots(page, 'request-check');
    await act.click(page.getByRole('button', { name: 'Отправить заявку' }));

    await expect(page.getByRole('heading', { level: 1, name: 'Заявка отправлена' })).toBeVisible();
    await expect(page.locator('.reference')).toHaveText(/^EF-KZ-\d{4}-\d{6}$/);
    await expect(page.getByText(/примет решение в течение 48 часов/)).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'request-sent');

    // the whole request: how many clicks, fields and choices it took (budget 25)
    const summary = `A whole new request (new person, two items, a document, sent): ${act.count} actions`;
    test.info().annotations.push({ type: 'actions', description: summary });
    mkdirSync(test.info().outputDir, { recursive: true });
    writeFileSync(join(test.info().outputDir, 'actions.txt'), `${summary}\n`);
    console.log(summary);
    expect(act.count).toBeLessThanOrEqual(25);

    await page.getByRole('link', { name: 'Открыть заявку' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Заявка EF-KZ-/ })).toBeVisible();
    await expect(page.locator('.tag').first()).toHaveText('Отправлена');
    expect(problems).toEqual([]);
  });

  test('EN: a failed rule is shown before sending with what to do, fixed from the check; a dropped connection keeps the form; the task list resumes a draft', async ({
    page,
    context,
  }) => {
    const problems = watchForErrors(page);
    await signIn(page, DEMO_PASSWORD, 'en');
    await page.getByRole('link', { name: 'New request' }).click();

    // nothing chosen: said in English, next to the question
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose who the request is for, or register a new person');
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // an item over the fund's limit per request; an empty item names each missing answer
    await page.getByRole('button', { name: 'Add another item' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    for (const text of ['Choose the type of help for item 1', 'Say what item 2 is for', 'Enter the amount of item 2 as a number']) {
      await expect(page.getByRole('alert')).toContainText(text);
    }
    await expectAccessible(page);
    await screenshots(page, 'request-items-errors');
    await page.getByRole('button', { name: 'Remove item 2' }).click();
    await page.locator('#item-0-type').selectOption('medical');
    await page.locator('#item-0-description').fill('Surgery after a workplace injury');
    await page.locator('#item-0-amount').fill('600000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();

    // a file that is not a document: refused in English, nothing attached
    await page.getByLabel('Choose a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
    await expect(page.getByRole('alert')).toContainText('Only PDF, JPEG and PNG files can be attached.');
    await expect(page.locator('.documents')).toHaveCount(0);

    // stop here and come back later: home offers the draft, the task list shows what is left
    await page.getByRole('link', { name: 'Home' }).click();
    await page
      .getByRole('link', { name: /^Finish the draft request for BEN-KZ-/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request Draft (no number yet)' })).toBeVisible();
    const task = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(task('Person')).toContainText('Completed');
    await expect(task('Help needed')).toContainText('Completed');
    await expect(task('Documents')).toContainText('Optional');
    await expect(task('State support, reasons and urgency')).toContainText('Not yet started');
    // the pre-check already tells what is wrong, with the values in the user's words and a way to fix it
    await expect(page.getByText('As it stands, the request does not meet every rule.')).toBeVisible();
    await expect(page.locator('.rule-fail').filter({ hasText: 'Within the limit per request' })).toContainText(
      "The total is above the fund's limit per request (KZT 500,000.00)",
    );
    await expect(page.locator('.rule-fail').filter({ hasText: 'State support asked first' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Change the help requested' })).toBeVisible();
    await expect(page.getByText('Complete every part before checking your answers.')).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'request-tasks');

    await task('State support, reasons and urgency').getByRole('link').click();
    await page.getByLabel('No, State support does not apply to this person').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Say why State support does not apply');
    await expect(page.getByRole('alert')).toContainText('Say why the person needs this help');
    await page
      .getByLabel('Why does State support not apply?')
      .fill('Foreign victims cannot get State medical care without residence registration.');
    await page.getByLabel('Why does the person need this help?').fill('Injured on a construction site, no insurance.');
    await page.getByLabel('Urgent: life, health or safety is at risk now').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    // back on the task list (not a first pass): only the limit is left
    await expect(task('State support, reasons and urgency')).toContainText('Completed');
    await expect(page.locator('.rule-fail')).toHaveCount(1);
    await page.getByRole('link', { name: 'Check your answers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeVisible();
    await expect(page.locator('.rule-fail')).toContainText('KZT 500,000.00');
    await expect(page.locator('.rule-warn').filter({ hasText: 'Required documents attached' })).toContainText(
      'Attach the documents this help needs',
    );
    await expectAccessible(page);
    await screenshots(page, 'request-check-failed');

    // fix from the check; the connection drops while saving: the form keeps the new amount and says so
    await page.getByRole('link', { name: 'Change the help requested' }).click();
    await expect(page.locator('#item-0-amount')).toHaveValue('600000.00');
    await page.locator('#item-0-amount').fill('450 000');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('No connection. What you typed is kept');
    await expect(page.locator('#item-0-amount')).toHaveValue('450 000');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Change returns to the check, which now passes
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers before sending' })).toBeVisible();
    await expect(
      page
        .getByText('As it stands, the request meets the fund’s rules.')
        .or(page.getByText("As it stands, the request meets the fund's rules.")),
    ).toBeVisible();
    await expect(page.locator('.rule-fail')).toHaveCount(0);
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Request sent' })).toBeVisible();
    await expect(page.getByText(/An officer of the fund decides within 24 hours/)).toBeVisible();
    await page.getByRole('link', { name: 'Open the request' }).click();
    await expect(page.locator('.tag').first()).toHaveText('Submitted');
    // sent: the form no longer opens for it
    await page.goto(page.url() + '/edit');
    await expect(page.getByRole('heading', { level: 1, name: 'This request can no longer be changed' })).toBeVisible();
    expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  test('EN: a session that ends mid-form asks for the password over the page and keeps what was typed', async ({ page, request }) => {
    const problems = watchForErrors(page);
    const email = 'ngo2.kz@example.org';
    await signIn(page, DEMO_PASSWORD, 'en', email);
    await page.getByRole('link', { name: 'New request' }).click();
    await page.getByRole('link', { name: 'Register a new person' }).click();
    await page.getByLabel('Full name').fill('Dilnoza Karimova');
    await page.locator('#dateOfBirth').fill('7');
    await page.locator('#dateOfBirth-month').fill('9');
    await page.locator('#dateOfBirth-year').fill('1996');

    // an administrator disables the account and enables it again: every token of the session ends
    const admin = (
      await (await request.post('/api/v1/auth/login', { data: { email: 'admin@example.org', password: DEMO_PASSWORD } })).json()
    ).accessToken as string;
    const auth = { authorization: `Bearer ${admin}` };
    const users = await (await request.get('/api/v1/users?limit=100', { headers: auth })).json();
    const user = users.items.find((u: { email: string }) => u.email === email);
    const disabled = await request.patch(`/api/v1/users/${user.id}`, {
      headers: auth,
      data: { status: 'disabled', version: user.version },
    });
    expect(disabled.status()).toBe(200);
    const enabled = await request.patch(`/api/v1/users/${user.id}`, {
      headers: auth,
      data: { status: 'active', version: (await disabled.json()).version },
    });
    expect(enabled.status()).toBe(200);

    await page.getByLabel('Female').check();
    await page.getByLabel('Vulnerable migrant').check();
    await page.getByLabel('Nationality').selectOption('TJ');
    await page.getByLabel('Verbally').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Your session has ended');
    await expectAccessible(page);
    await screenshots(page, 'session-ended');
    await dialog.getByLabel('Password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog).toHaveCount(0);
    // the form is as it was: nothing typed is lost; saving now goes on to the help needed
    await expect(page.getByLabel('Full name')).toHaveValue('Dilnoza Karimova');
    await expect(page.locator('#dateOfBirth-year')).toHaveValue('1996');
    await expect(page.getByLabel('Female')).toBeChecked();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'What help is needed?' })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
