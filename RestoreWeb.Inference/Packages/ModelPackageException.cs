namespace RestoreWeb.Inference.Packages;

public enum ModelPackageProblem
{
    NotAnArchive,
    MissingManifest,
    InvalidManifest,
    UnsupportedFormat,
    MissingFile,
    UnlistedFile,
    HashMismatch,
    SignatureMismatch,
    UnloadableGraph,
    MissingGraph,
    UnknownPreset,
}

/// <summary>A model package that cannot be used, with the reason named for the administrator.</summary>
public sealed class ModelPackageException(ModelPackageProblem problem, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ModelPackageProblem Problem { get; } = problem;
}
