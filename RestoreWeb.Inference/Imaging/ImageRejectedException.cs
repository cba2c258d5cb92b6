namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// A file that cannot be accepted as a photo. <see cref="Reason"/> is for code; the message is written for the
/// person who uploaded the file and says what is wrong and, where possible, what to do about it.
/// </summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public ImageRejectedException(ImageRejectionReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ImageRejectionReason Reason { get; }
}
