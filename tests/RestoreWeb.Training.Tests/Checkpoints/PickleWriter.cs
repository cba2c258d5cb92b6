using System.Buffers.Binary;
using System.Text;

namespace RestoreWeb.Training.Tests.Checkpoints;

/// <summary>Writes the few protocol-2 pickle opcodes that torch.save's legacy format uses, for test files.</summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream stream = new();

    public PickleWriter()
    {
        stream.WriteByte(0x80);
        stream.WriteByte(2);
    }

    public PickleWriter Mark() => Op('(');

    public PickleWriter Tuple() => Op('t');

    public PickleWriter EmptyTuple() => Op(')');

    public PickleWriter EmptyDict() => Op('}');

    public PickleWriter EmptyList() => Op(']');

    public PickleWriter SetItem() => Op('s');

    public PickleWriter SetItems() => Op('u');

    public PickleWriter Appends() => Op('e');

    public PickleWriter Reduce() => Op('R');

    public PickleWriter Build() => Op('b');

    public PickleWriter PersistentId() => Op('Q');

    public PickleWriter None() => Op('N');

    public PickleWriter False() => OpByte(0x89);

    public PickleWriter True() => OpByte(0x88);

    public PickleWriter Global(string module, string name)
    {
        stream.WriteByte((byte)'c');
        stream.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return this;
    }

    public PickleWriter String(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        stream.WriteByte((byte)'X');
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        stream.Write(length);
        stream.Write(utf8);
        return this;
    }

    public PickleWriter Int(long value)
    {
        if (value is >= 0 and < 256)
        {
            stream.WriteByte((byte)'K');
            stream.WriteByte((byte)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            stream.WriteByte((byte)'J');
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            stream.Write(bytes);
        }
        else
        {
            Long(new System.Numerics.BigInteger(value));
        }

        return this;
    }

    /// <summary>LONG1: little-endian two's complement.</summary>
    public PickleWriter Long(System.Numerics.BigInteger value)
    {
        byte[] bytes = value.ToByteArray();
        stream.WriteByte(0x8a);
        stream.WriteByte((byte)bytes.Length);
        stream.Write(bytes);
        return this;
    }

    public byte[] Stop()
    {
        Op('.');
        return stream.ToArray();
    }

    private PickleWriter Op(char opcode) => OpByte((byte)opcode);

    private PickleWriter OpByte(byte opcode)
    {
        stream.WriteByte(opcode);
        return this;
    }
}
