namespace RestoreWeb.Inference.Imaging;

/// <summary>What the header of an accepted file says, read without decoding its pixels.</summary>
/// <param name="Format">The format recognised from the content.</param>
/// <param name="Width">Width as stored, before the EXIF orientation is applied.</param>
/// <param name="Height">Height as stored, before the EXIF orientation is applied.</param>
/// <param name="Orientation">The EXIF orientation, 1 (upright) to 8; 1 when the file has none.</param>
public sealed record ImageProbe(ImageFormatKind Format, int Width, int Height, int Orientation)
{
    /// <summary>Orientations 5 to 8 turn the image by a quarter, exchanging width and height.</summary>
    public bool SwapsAxes => Orientation >= 5;

    public int UprightWidth => SwapsAxes ? Height : Width;

    public int UprightHeight => SwapsAxes ? Width : Height;

    public long Pixels => (long)Width * Height;
}
