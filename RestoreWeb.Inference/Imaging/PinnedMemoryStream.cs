using System.Buffers;

namespace RestoreWeb.Inference.Imaging;

/// <summary>
/// A read-only stream over memory that is not a managed array (a memory-mapped upload, for instance), pinned
/// for the stream's lifetime, so that probing or decoding a large file never copies it into a new array.
/// </summary>
internal sealed unsafe class PinnedMemoryStream : UnmanagedMemoryStream
{
    private MemoryHandle _handle;

    private PinnedMemoryStream(MemoryHandle handle, int length)
        : base((byte*)handle.Pointer, length)
    {
        _handle = handle;
    }

    public static PinnedMemoryStream Open(ReadOnlyMemory<byte> data) => new(data.Pin(), data.Length);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _handle.Dispose();
    }
}
