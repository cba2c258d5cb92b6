using RestoreWeb.Client.Contracts;

namespace RestoreWeb.Client.Components;

public enum UploadItemState
{
    Waiting,
    Sending,

    /// <summary>Every byte is out; the server is checking and storing the photo.</summary>
    Processing,
    Stored,
    Duplicate,
    Failed,
}

/// <summary>One file of an upload, as the upload zone lists it.</summary>
public sealed class UploadItem(string fileName, long size)
{
    public string FileName { get; } = fileName;

    public long Size { get; } = size;

    public long Sent { get; set; }

    public UploadItemState State { get; set; } = UploadItemState.Waiting;

    /// <summary>The server's explanation when the file was refused.</summary>
    public string? Error { get; set; }

    /// <summary>The stored photo, or for a duplicate the photo uploaded before.</summary>
    public PhotoDto? Photo { get; set; }

    public double Percent => Size <= 0 ? 100 : Math.Min(100, Sent * 100.0 / Size);

    public bool IsFinished => State is UploadItemState.Stored or UploadItemState.Duplicate or UploadItemState.Failed;
}
