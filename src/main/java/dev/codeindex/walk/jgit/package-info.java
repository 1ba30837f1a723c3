/**
 * The walk's adapter to JGit: gitignore rules parsed and matched by JGit, behind {@link
 * dev.codeindex.walk.IgnorePattern}. The only main-code package that imports {@code
 * org.eclipse.jgit}, so replacing the engine touches nothing else.
 */
package dev.codeindex.walk.jgit;
