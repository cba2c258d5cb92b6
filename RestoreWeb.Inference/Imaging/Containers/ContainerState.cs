namespace RestoreWeb.Inference.Imaging.Containers;

/// <summary>What a walk over a file's container structure found, without decoding any pixels.</summary>
internal enum ContainerState
{
    /// <summary>Every structure needed for the first image is present.</summary>
    Complete,

    /// <summary>The data ends inside a structure (a segment, chunk, block or strip).</summary>
    Truncated,

    /// <summary>The structure contradicts itself (a bad marker, a negative length, a missing header).</summary>
    Malformed,
}
