using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace RestoreWeb.Server.Photos;

/// <summary>
/// A file on disk seen as <see cref="Memory{T}"/> through a read-only memory map, so that uploads can be validated
/// by the span-based prober without first being read into the managed heap.
/// </summary>
public sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    private MappedFile(MemoryMappedFile map, MemoryMappedViewAccessor view, int length)
    {
        _map = map;
        _view = view;
        _length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
    }

    /// <summary>Maps <paramref name="path"/>, which must be non-empty and under 2 GB (the upload limits are far lower).</summary>
    public static MappedFile Open(string path)
    {
        long length = new FileInfo(path).Length;
        if (length is <= 0 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(path), length, "Only files of 1 byte to 2 GB can be mapped.");
        }
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new MappedFile(map, view, (int)length);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map.Dispose();
        }
    }
}
