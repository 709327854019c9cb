import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';
import { expectAccessible, screenshots, watchForErrors } from './helpers';

// The full demo's history (src/database/seed-data.ts, DEMO_PAID_AWARD): ngo.kz's award approved about
// 100 days ago for 420 + 80 USD at 500 KZT a dollar, amended once, paid and closed; its 3-month follow-up is due today.
const AMOUNT = /^250\s000,00\sKZT$/;
const AWARD = /AWD-KZ-\d{4}-\d{5}/;

async function signIn(page: Page, email: string) {
  await page.goto('/');
  await page.getByLabel(/^(Электронная почта|Email)$/).fill(email);
  await page.getByLabel(/^(Пароль|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Войти|Sign in)$/ }).click();
  await expect(page.locator('.who')).toBeVisible();
}

test.describe('NGO case worker: an award and its follow-up, in Russian', () => {
  test('opens the award of an approved request, downloads its letter, answers the due follow-up', async ({ page }) => {
    const problems = watchForErrors(page);
    await signIn(page, 'ngo.kz@example.org');
    await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
    // the follow-up due today is among what needs action
    await expect(page.getByRole('link', { name: /^Ответьте на контроль через 3 месяца по гранту AWD-KZ-/ })).toBeVisible();

    // the approved request of the history (the row with its amount), then its award
    await page
      .getByRole('row')
      .filter({ hasText: 'Одобрена' })
      .filter({ hasText: /250\s000,00\sKZT/ })
      .getByRole('link')
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /^Заявка EF-KZ-/ })).toBeVisible();
    await expect(page.getByText(/^Заявка одобрена: грант на 250\s000,00\sKZT\.$/)).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'request-awarded');
    await page.getByRole('link', { name: /^Открыть грант AWD-KZ-/ }).click();

    const h1 = page.getByRole('heading', { level: 1, name: /^Грант AWD-KZ-\d{4}-\d{5}$/ });
    await expect(h1).toBeVisible();
    const number = AWARD.exec((await h1.textContent())!)![0];
    await expect(page.locator('.tag-award-closed')).toHaveText('Закрыт');
    await expect(page.locator('.summary-list .amount')).toHaveText(AMOUNT);
    await expect(page.locator('.summary-list')).toContainText('Дата одобрения');
    const items = page.getByRole('table', { name: 'Что оплачивает грант' });
    await expect(items.getByRole('row').filter({ hasText: 'Открытие малого бизнеса' })).toContainText(/210\s000,00\sKZT/);
    await expect(items.getByRole('row').filter({ hasText: 'Профессиональное обучение' })).toContainText(/40\s000,00\sKZT/);
    await expect(items.getByRole('row').filter({ hasText: 'Итого' })).toContainText(/250\s000,00\sKZT/);
    await expect(page.getByText(/^Receipts for the equipment within 30 days/)).toBeVisible();

    // the current letter (version 2, made by an amendment, with its reason) in both languages it exists in; version 1 folded away
    const letters = page.getByRole('region', { name: 'Письмо о гранте' });
    const current = letters.locator('.letter-version').first();
    await expect(current.locator('.letter-title')).toHaveText(/^Версия 2 от \d{1,2} [а-я]+ \d{4}/);
    await expect(current).toContainText("Почему изменено: The supplier's price for the sewing machine rose");
    await expect(current.getByRole('listitem')).toHaveText([/^На русском/, /^На английском/]);
    const earlier = letters.locator('details');
    await expect(earlier.getByText('Прежняя версия (1)')).toBeVisible();
    await expect(earlier.getByText(/^Версия 1 от /)).toBeHidden();
    await earlier.getByText('Прежняя версия (1)').click();
    await expect(earlier.getByText(/^Версия 1 от /)).toBeVisible();
    await expect(earlier.getByRole('button', { name: 'Скачать PDF: На русском, версия 1' })).toBeVisible();

    // a letter still being rendered (the API's 503, here once from the network) says so and offers Retry
    await page.route(
      '**/api/v1/awards/*/letter?*',
      (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ statusCode: 503, code: 'LETTER_NOT_READY' }),
        }),
      { times: 1 },
    );
    await letters.getByRole('button', { name: 'Скачать PDF: На английском, версия 2' }).click();
    await expect(letters.getByRole('status')).toHaveText(/^Письмо ещё готовится\. Попробуйте через минуту\./);
    const [english] = await Promise.all([
      page.waitForEvent('download'),
      letters.getByRole('button', { name: 'Повторить: Скачать PDF: На английском, версия 2' }).click(),
    ]);
    expect(english.suggestedFilename()).toBe(`${number}-en.pdf`);
    await expect(letters.getByRole('status')).toHaveCount(0);

    // the Russian letter downloads with the session's token, under the award's number
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      letters.getByRole('button', { name: 'Скачать PDF: На русском, версия 2' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${number}-ru.pdf`);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // a share link to send by messenger: shown once, opens the letter's page (no person on it) and its PDF
    const share = page.getByRole('region', { name: 'Поделиться письмом' });
    await expect(share.getByLabel('Сколько дней работает ссылка')).toHaveValue('30');
    await share.getByRole('button', { name: 'Создать ссылку' }).click();
    const url = await page.locator('#share-url').inputValue();
    expect(url).toMatch(/\/api\/v1\/shared\/[\w-]{43}$/);
    await expect(page.getByText('Скопируйте ссылку сейчас: больше она показана не будет.')).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'award-share');
    const visitor = await page
      .context()
      .browser()!
      .newPage({ baseURL: new URL(page.url()).origin });
    await visitor.goto(url);
    await expect(visitor.locator('body')).toContainText(number);
    await expect(visitor.locator('body')).toContainText(/250\s?000/);
    await expect(visitor.locator('body')).not.toContainText('BEN-KZ-');
    const pdfLink = visitor.getByRole('link', { name: /Скачать письмо/ });
    const shared = await visitor.request.get(new URL((await pdfLink.getAttribute('href'))!, url).toString());
    expect(shared.status()).toBe(200);
    expect((await shared.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // withdrawn: the same address is a 404 page that tells nothing more
    await page.getByRole('button', { name: 'Готово' }).click();
    await share.getByRole('button', { name: 'Отозвать' }).first().click();
    await share.getByRole('button', { name: 'Да, отозвать' }).click();
    await expect(share.getByText('Отозвана').first()).toBeVisible();
    const gone = await visitor.goto(url);
    expect(gone!.status()).toBe(404);
    await expect(visitor.locator('body')).toContainText('This link has expired or was withdrawn');
    await visitor.close();

    // its follow-ups: the 3-month one due now, the 6-month one to come
    const followUps = page.getByRole('table', { name: 'Контроль результатов' });
    await expect(followUps.getByRole('row').filter({ hasText: 'Контроль через 3 месяца' })).toContainText('Пора ответить');
    await expect(followUps.getByRole('row').filter({ hasText: 'Контроль через 6 месяцев' })).toContainText('Срок не наступил');
    await expectAccessible(page);
    await screenshots(page, 'award');

    // the follow-up: nothing chosen names the first question; "yes" asks the others, each named when left out
    await followUps.getByRole('link', { name: 'Ответить: Контроль через 3 месяца' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Контроль через 3 месяца' })).toBeVisible();
    await expect(page.getByRole('link', { name: `Грант ${number}` })).toBeVisible();
    await expect(page.locator('.tag-follow-up-due')).toHaveText('Пора ответить');
    await expectAccessible(page);
    await screenshots(page, 'follow-up');
    await page.getByRole('button', { name: 'Сохранить ответы' }).click();
    await expect(page.getByRole('alert')).toBeFocused();
    await expect(page.getByRole('alert')).toContainText('Укажите, удалось ли связаться с человеком');
    const question = (name: string) => page.getByRole('group', { name });
    await question('Удалось связаться с человеком?').getByLabel('Да').check();
    await page.getByRole('button', { name: 'Сохранить ответы' }).click();
    await expect(page.getByRole('alert')).toBeFocused();
    for (const text of [
      'Укажите, есть ли у человека работа или действующее дело',
      'Укажите, как изменился доход',
      'Укажите, как изменились условия жизни',
      'Укажите, собирается ли человек снова уехать на заработки',
      'Введите число от 0 до 1000, например 2',
    ]) {
      await expect(page.getByRole('alert')).toContainText(text);
    }
    await expect(page.getByRole('alert')).not.toContainText('Укажите, удалось ли связаться');
    await expectAccessible(page);
    await screenshots(page, 'follow-up-errors');

    await question('Есть ли у человека работа или действующее дело?').getByLabel('Да').check();
    await question('Как изменился доход человека по сравнению с тем, что был до помощи?').getByLabel('Стал выше').check();
    await question('Как изменились условия жизни человека по сравнению с тем, что было до помощи?').getByLabel('Стали лучше').check();
    await question('Собирается ли человек снова уехать на заработки?').getByLabel('Нет').check();
    await page.getByLabel('Скольких людей человек направил к вам за помощью?').fill('2');
    await page.getByLabel('Заметка (необязательно)').fill('Шьёт на заказ для двух соседних магазинов.');
    // a conflict (here once from the network: someone changed it meanwhile) offers a reload that keeps every answer
    let conflicted = false;
    await page.route('**/api/v1/follow-ups/*', (route) => {
      if (route.request().method() !== 'POST' || conflicted) return route.fallback();
      conflicted = true;
      return route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 409, code: 'VERSION_CONFLICT' }),
      });
    });
    await page.getByRole('button', { name: 'Сохранить ответы' }).click();
    await expect(page.getByRole('alert')).toContainText('Пока вы заполняли форму, этот контроль изменился');
    await page.getByRole('button', { name: 'Загрузить заново' }).click();
    await expect(page.getByRole('button', { name: 'Загрузить заново' })).toHaveCount(0);
    await expect(question('Как изменился доход человека по сравнению с тем, что был до помощи?').getByLabel('Стал выше')).toBeChecked();
    await expect(page.getByLabel('Скольких людей человек направил к вам за помощью?')).toHaveValue('2');
    await expect(page.getByLabel('Заметка (необязательно)')).toHaveValue('Шьёт на заказ для двух соседних магазинов.');
    await page.getByRole('button', { name: 'Сохранить ответы' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Ответы сохранены' })).toBeVisible();
    await expect(page.locator('.tag-follow-up-completed')).toHaveText('Ответ дан');
    await expect(page.getByRole('heading', { name: /^Ответы от / })).toBeVisible();
    await expect(page.locator('.summary-list').last()).toContainText('Стал выше');
    await expect(page.locator('.summary-list').last()).toContainText('Шьёт на заказ');
    await expect(page.getByRole('button', { name: 'Сохранить ответы' })).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, 'follow-up-done');

    // home no longer asks for it; the follow-ups tab lists it as answered, the 6-month one as coming
    await page.getByRole('link', { name: 'Вернуться на главную' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Ответьте на контроль/ })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Главное меню' }).getByRole('link', { name: 'Контроль' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Контроль результатов' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Отвеченные' })).toContainText(number);
    await expect(page.getByRole('table', { name: 'Предстоящие' })).toContainText('Контроль через 6 месяцев');
    await expect(page.getByText('Сейчас отвечать не на что.')).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'follow-ups');
    // a reload of the answered follow-up shows its answers, read only
    await page
      .getByRole('table', { name: 'Отвеченные' })
      .getByRole('link', { name: /^Посмотреть ответы/ })
      .click();
    await page.reload();
    await expect(page.locator('.tag-follow-up-completed')).toHaveText('Ответ дан');
    await expect(page.getByText('Шьёт на заказ для двух соседних магазинов.')).toBeVisible();
    // the only 5xx is the one this test made up
    expect(problems.filter((p) => !/^503 .*\/letter\?/.test(p))).toEqual([]);
  });

  test('the award page in English', async ({ page }) => {
    const problems = watchForErrors(page);
    await signIn(page, 'ngo.kz@example.org');
    await page.getByLabel(/^(Язык|Language)$/).selectOption('en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Follow-ups' }).click();
    // the award's follow-ups are listed (answered by the test above, or due when this one runs alone)
    await page
      .getByRole('link', { name: /^AWD-KZ-\d{4}-\d{5}$/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /^Award AWD-KZ-\d{4}-\d{5}$/ })).toBeVisible();
    await expect(page.locator('.tag-award-closed')).toHaveText('Closed');
    await expect(page.locator('.summary-list .amount')).toHaveText(/^KZT\s250,000\.00$/);
    const items = page.getByRole('table', { name: 'What the award pays for' });
    await expect(items.getByRole('row').filter({ hasText: 'Small business start-up' })).toContainText('210,000.00');
    const letters = page.getByRole('region', { name: 'Award letter' });
    await expect(letters.locator('.letter-title').first()).toHaveText(/^Version 2 of \d{1,2} [A-Z][a-z]+ \d{4}$/);
    await expect(letters.locator('.letter-version').first().getByRole('listitem').first()).toContainText('In Russian');
    await expect(letters.getByRole('button', { name: 'Download PDF: In English, version 2' })).toBeVisible();
    await expect(letters.getByText('Earlier version (1)')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Follow-ups' }).getByRole('row').filter({ hasText: '3-month follow-up' })).toContainText(
      /Answered|Due/,
    );
    // a share link in English: made, and its page opens
    const share = page.getByRole('region', { name: 'Share the letter' });
    await share.getByRole('button', { name: 'Create a link' }).click();
    const url = await page.locator('#share-url').inputValue();
    const visitor = await page
      .context()
      .browser()!
      .newPage({ baseURL: new URL(page.url()).origin });
    await visitor.goto(url);
    await expect(visitor.locator('body')).toContainText(/AWD-KZ-\d{4}-\d{5}/);
    await visitor.close();
    await page.getByRole('button', { name: 'Done' }).click();
    // nothing of the Russian catalogue left on the page
    await expect(page.locator('main')).not.toContainText(/[А-Яа-яЁё]/);
    await expectAccessible(page);
    // back to Russian, the language the other tests of ngo.kz expect at sign-in
    await page.getByLabel('Language').selectOption('ru');
    await expect(page.getByRole('heading', { level: 1, name: /^Грант AWD-KZ-/ })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
