import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../playwright.config';
import { actionCounter, catalogue, expectAccessible, samplePdf, screenshots, signIn, watchForErrors } from './helpers';

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

  for (const lng of ['ru', 'en'] as const) {
    test(`${lng.toUpperCase()}: a failed rule is shown before sending with what to do, fixed from the check; a dropped connection keeps the form; the task list resumes a draft`, async ({
      page,
      context,
    }) => {
      const problems = watchForErrors(page);
      const t = catalogue(lng);
      // the screens of this test in Russian are kept as screenshots; the English pass only checks them
      const shoot = (name: string) => (lng === 'ru' ? screenshots(page, name) : Promise.resolve());
      const cap = lng === 'ru' ? /500\s000,00\sKZT/ : 'KZT 500,000.00';
      await signIn(page, DEMO_PASSWORD, lng);
      await page.getByRole('link', { name: t('home.newRequest') }).click();

      // nothing chosen: said in the user's language, next to the question
      await page.getByRole('button', { name: t('form.continue') }).click();
      await expect(page.getByRole('alert')).toContainText(t('form.errors.person'));
      await page.getByRole('radio').first().check();
      await page.getByRole('button', { name: t('form.continue') }).click();

      // an empty second item names each missing answer; then one item over the fund's limit per request
      await page.getByRole('button', { name: t('form.items.add') }).click();
      await page.getByRole('button', { name: t('form.continue') }).click();
      for (const text of [
        t('form.errors.itemType', { n: 1 }),
        t('form.errors.itemDescription', { n: 2 }),
        t('form.errors.itemAmount', { n: 2 }),
      ]) {
        await expect(page.getByRole('alert')).toContainText(text);
      }
      await expectAccessible(page);
      await shoot('request-items-errors');
      await page.getByRole('button', { name: t('form.items.removeNamed', { n: 2 }) }).click();
      await page.locator('#item-0-type').selectOption('medical');
      await page.locator('#item-0-description').fill(lng === 'ru' ? 'Операция после травмы' : 'Surgery after a workplace injury');
      await page.locator('#item-0-amount').fill('600000');
      await page.getByRole('button', { name: t('form.continue') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('form.documents.title') })).toBeVisible();

      // a file that is not a document: refused in the user's language, nothing attached
      await page
        .getByLabel(t('form.documents.file'))
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
      await expect(page.getByRole('alert')).toContainText(t('errors:UNSUPPORTED_FILE_TYPE'));
      await expect(page.locator('.documents')).toHaveCount(0);

      // stop here and come back later: home offers the draft, the task list shows what is left
      await page.getByRole('link', { name: t('nav.home') }).click();
      await page
        .getByRole('link', { name: t('home.finishDraft', { person: 'BEN-KZ-' }) })
        .first()
        .click();
      await expect(page.getByRole('heading', { level: 1, name: t('form.tasks.title', { reference: t('notReference') }) })).toBeVisible();
      const task = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
      await expect(task(t('form.tasks.person'))).toContainText(t('form.tasks.status.completed'));
      await expect(task(t('form.tasks.items'))).toContainText(t('form.tasks.status.completed'));
      await expect(task(t('form.tasks.documents'))).toContainText(t('form.tasks.status.optional'));
      await expect(task(t('form.tasks.about'))).toContainText(t('form.tasks.status.notStarted'));
      // the pre-check already tells what is wrong, with the values in the user's words and a way to fix it
      await expect(page.getByText(t('form.precheck.ineligible'))).toBeVisible();
      const capRule = page.locator('.rule-fail').filter({ hasText: t('eligibility:APPLICATION_CAP.title') });
      await expect(capRule).toContainText(cap);
      await expect(page.locator('.rule-fail').filter({ hasText: t('eligibility:STATE_SUPPORT_SOUGHT.title') })).toBeVisible();
      await expect(page.getByRole('link', { name: t('form.fix.items') })).toBeVisible();
      await expect(page.getByText(t('form.tasks.notReady'))).toBeVisible();
      await expectAccessible(page);
      await shoot('request-tasks');

      await task(t('form.tasks.about')).getByRole('link').click();
      await page.getByLabel(t('form.about.outcomes.not_applicable')).check();
      await page.getByRole('button', { name: t('form.continue') }).click();
      await expect(page.getByRole('alert')).toContainText(t('form.errors.stateNote'));
      await expect(page.getByRole('alert')).toContainText(t('form.errors.justification'));
      await page
        .getByLabel(t('form.about.stateNote'))
        .fill(
          lng === 'ru'
            ? 'Иностранцам без регистрации не положена бесплатная помощь.'
            : 'Foreign victims get no State care without registration.',
        );
      await page
        .getByLabel(t('form.about.justification'))
        .fill(lng === 'ru' ? 'Травма на стройке, страховки нет.' : 'Injured on a construction site, no insurance.');
      await page.getByLabel(t('form.about.urgencies.urgent')).check();
      await page.getByRole('button', { name: t('form.continue') }).click();
      // back on the task list (not a first pass): only the limit is left
      await expect(task(t('form.tasks.about'))).toContainText(t('form.tasks.status.completed'));
      await expect(page.locator('.rule-fail')).toHaveCount(1);
      await page.getByRole('link', { name: t('form.tasks.check') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('form.check.title') })).toBeVisible();
      await expect(page.locator('.rule-fail')).toContainText(cap);
      await expect(page.locator('.rule-warn').filter({ hasText: t('eligibility:REQUIRED_DOCUMENTS.title') })).toContainText(
        t('eligibility:REQUIRED_DOCUMENTS.fail'),
      );
      await expectAccessible(page);
      await shoot('request-check-failed');

      // fix from the check; the connection drops while saving: the form keeps the new amount and says so
      await page.getByRole('link', { name: t('form.fix.items') }).click();
      await expect(page.locator('#item-0-amount')).toHaveValue(lng === 'ru' ? '600000,00' : '600000.00');
      await page.locator('#item-0-amount').fill('450 000');
      await context.setOffline(true);
      await page.getByRole('button', { name: t('form.continue') }).click();
      await expect(page.getByRole('alert')).toContainText(t('errors:NETWORK'));
      await expect(page.locator('#item-0-amount')).toHaveValue('450 000');
      await context.setOffline(false);
      await page.getByRole('button', { name: t('form.continue') }).click();

      // Change returns to the check, which now passes
      await expect(page.getByRole('heading', { level: 1, name: t('form.check.title') })).toBeVisible();
      await expect(page.getByText(t('form.precheck.eligible'))).toBeVisible();
      await expect(page.locator('.rule-fail')).toHaveCount(0);
      await page.getByRole('button', { name: t('form.check.send') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('form.sent.title') })).toBeVisible();
      await expect(
        page.getByText(t(lng === 'ru' ? 'form.sent.decisionWithin_many' : 'form.sent.decisionWithin_other', { count: 24 }).slice(0, -1)),
      ).toBeVisible();
      await page.getByRole('link', { name: t('form.openRequest') }).click();
      await expect(page.locator('.tag').first()).toHaveText(t('status.submitted'));
      // sent: the form no longer opens for it
      await page.goto(page.url() + '/edit');
      await expect(page.getByRole('heading', { level: 1, name: t('form.notEditableTitle') })).toBeVisible();
      expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    });
  }

  test('RU: a session that ends mid-form asks for the password over the page and keeps what was typed', async ({ page, request }) => {
    const problems = watchForErrors(page);
    const email = 'ngo2.kz@example.org';
    const t = catalogue('ru');
    await signIn(page, DEMO_PASSWORD, 'ru', email);
    await page.getByRole('link', { name: t('home.newRequest') }).click();
    await page.getByRole('link', { name: t('form.person.register') }).click();
    await page.getByLabel(t('people.fullName')).fill('Дилноза Каримова');
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

    await page.getByLabel(t('people.sexes.female')).check();
    await page.getByLabel(t('people.categories.VM')).check();
    await page.getByLabel(t('people.nationality')).selectOption('TJ');
    await page.getByLabel(t('people.consentMethods.verbal')).check();
    await page.getByRole('button', { name: t('people.save') }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(t('signIn.sessionEnded'));
    await expectAccessible(page);
    await screenshots(page, 'session-ended');
    await dialog.getByLabel(t('signIn.password')).fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: t('signIn.submit') }).click();
    await expect(dialog).toHaveCount(0);
    // the form is as it was: nothing typed is lost; saving now goes on to the help needed
    await expect(page.getByLabel(t('people.fullName'))).toHaveValue('Дилноза Каримова');
    await expect(page.locator('#dateOfBirth-year')).toHaveValue('1996');
    await expect(page.getByLabel(t('people.sexes.female'))).toBeChecked();
    await page.getByRole('button', { name: t('people.save') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('form.items.title') })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
