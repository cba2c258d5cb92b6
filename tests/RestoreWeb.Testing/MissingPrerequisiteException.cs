namespace RestoreWeb.Testing;

/// <summary>
/// A service a test needs is not installed. Tests fail with this (never skip): the README's test command
/// installs every prerequisite, so seeing it means the machine was set up another way.
/// </summary>
public sealed class MissingPrerequisiteException(string prerequisite, string howToInstall)
    : Exception($"Missing test prerequisite: {prerequisite}. {howToInstall}")
{
    public string Prerequisite { get; } = prerequisite;
}
