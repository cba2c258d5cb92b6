namespace RestoreWeb.Inference.Imaging;

/// <summary>Why a file was refused; stable names so that clients and job records can branch on them.</summary>
public enum ImageRejectionReason
{
    /// <summary>The file has no bytes at all.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="ImagingOptions.MaxBytes"/>.</summary>
    FileTooLarge,

    /// <summary>The content is not one of the image formats we read (whatever its name says).</summary>
    NotAnImage,

    /// <summary>A recognised image format that this version cannot decode (HEIC, AVIF, BigTIFF, ...).</summary>
    Unsupported,

    /// <summary>The file ends before the image does, typically an interrupted upload or copy.</summary>
    Truncated,

    /// <summary>The file is complete but its content is damaged or contradicts itself.</summary>
    Corrupt,

    /// <summary>Width × height exceeds <see cref="ImagingOptions.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>Width or height exceeds <see cref="ImagingOptions.MaxWidth"/> or <see cref="ImagingOptions.MaxHeight"/>.</summary>
    DimensionTooLarge,

    /// <summary>Width or height is below <see cref="ImagingOptions.MinSide"/>.</summary>
    TooSmall,
}
