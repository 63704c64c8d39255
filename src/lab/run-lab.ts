export async function runLab(_args: readonly string[]): Promise<number> {
  process.stderr.write('vipd lab: not implemented yet\n');
  return 1;
}
