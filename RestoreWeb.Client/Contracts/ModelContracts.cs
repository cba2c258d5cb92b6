namespace RestoreWeb.Client.Contracts;

/// <param name="Status">Ready, or Broken when the stored package no longer opens.</param>
/// <param name="Aliases">Aliases pointing at this version, e.g. production.</param>
public sealed record ModelVersionDto(
    Guid Id,
    string Name,
    string Version,
    string Sha256,
    long SizeBytes,
    string Status,
    IReadOnlyList<string> Aliases,
    DateTimeOffset RegisteredAt);
