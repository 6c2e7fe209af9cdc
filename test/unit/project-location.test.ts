import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARENT_GITIGNORE, describeLocation, projectLocation } from '../../server/src/project/location';

const file = join('/work', 'shop', 'orders.arch.yaml');

describe('projectLocation: one decision for the CLI, VS Code and deploy', () => {
  it.each([
    ['an explicit folder wins over output:', { name: 'orders', output: 'orders-app' }, 'given', { dir: 'given', source: 'option' }],
    ['output: is relative to the file', { name: 'orders', output: 'services/orders' }, undefined, { dir: join('/work', 'shop', 'services', 'orders'), source: 'file' }],
    ['an absolute output: is kept', { name: 'orders', output: '/srv/orders' }, undefined, { dir: '/srv/orders', source: 'file' }],
    ['a blank output: is no output', { name: 'orders', output: '  ' }, undefined, { dir: join('/work', 'shop', '.archflow', 'orders'), source: 'default' }],
    ['the default: .archflow/<name>/', { name: 'orders' }, undefined, { dir: join('/work', 'shop', '.archflow', 'orders'), source: 'default' }],
    ['a name that cannot be a folder: the file\'s name', { name: '../x' }, undefined, { dir: join('/work', 'shop', '.archflow', 'orders'), source: 'default' }],
    ['not a map at all', 'just text', undefined, { dir: join('/work', 'shop', '.archflow', 'orders'), source: 'default' }],
  ])('%s', (_title, root, explicit, expected) => {
    expect(projectLocation(file, root, explicit)).toMatchObject(expected);
  });

  it('the default comes with the .gitignore that keeps .archflow/ out of git', () => {
    expect(projectLocation(file, { name: 'orders' }).ignoreFile).toEqual({ path: join('/work', 'shop', '.archflow', '.gitignore'), content: DEFAULT_PARENT_GITIGNORE });
    expect(DEFAULT_PARENT_GITIGNORE.split('\n')).toContain('*');
    expect(projectLocation(file, { name: 'orders', output: 'x' }).ignoreFile).toBeUndefined();
  });

  it('describes where, and why, relative to the current folder', () => {
    expect(describeLocation(projectLocation(file, { name: 'orders' }), file, '/work')).toBe(
      'Project folder: shop/.archflow/orders (the default, ignored by git; to keep the project and your handler code in your repository, add `output: orders-app` to orders.arch.yaml)');
    expect(describeLocation(projectLocation(file, { output: 'app' }), file, '/elsewhere')).toBe('Project folder: /work/shop/app (output: in orders.arch.yaml)');
  });
});
