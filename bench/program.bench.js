export async function benchProgram() {
  throw new Error('todo');
}
