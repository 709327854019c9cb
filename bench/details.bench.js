export async function benchDetails() {
  throw new Error('todo');
}
