using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Export;

/// <summary>
/// Writes an ONNX graph node by node with weights taken from a state dict by their official key names.
/// TorchSharp has no ONNX export, so every network is described here once more, operator by operator; the
/// parity tests run each graph in ONNX Runtime against the TorchSharp module.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>Opset 17: InstanceNormalization, Resize with nearest_mode and reflect Pad are all stable there.</summary>
    public const long Opset = 17;

    /// <summary>IR version 8 is what opset 17 was released with; ONNX Runtime 1.x reads it everywhere.</summary>
    public const long IrVersion = 8;

    private readonly IReadOnlyDictionary<string, Tensor> _weights;
    private readonly GraphProto _graph;
    private readonly HashSet<string> _initializers = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>
    /// 3×3 stride-1 convolutions with at least this many input and output channels are written in Winograd form
    /// (<see cref="OnnxWinograd"/>); <see cref="int.MaxValue"/> writes every convolution directly.
    /// </summary>
    public int WinogradMinChannels { get; init; } = int.MaxValue;

    /// <summary>While set, node names start with it, so a cost walk can tell which nodes form one layer.</summary>
    public string? NodeNamePrefix { get; set; }

    public OnnxGraphBuilder(string graphName, IReadOnlyDictionary<string, Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _weights = weights;
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Declares a float32 graph input; a dimension is a fixed size (int) or a symbolic name (string).</summary>
    public string Input(string name, params object[] dims)
    {
        _graph.Input.Add(ValueInfo(name, dims));
        return name;
    }

    /// <summary>Names <paramref name="value"/> as the graph output <paramref name="name"/>.</summary>
    public void Output(string name, string value, params object[] dims)
    {
        Node("Identity", [value], name);
        _graph.Output.Add(ValueInfo(name, dims));
    }

    /// <summary>A float32 weight from the state dict, added once as an initializer under its own key.</summary>
    public string Weight(string key)
    {
        if (_initializers.Contains(key))
        {
            return key;
        }
        using var cpu = Float32OnCpu(key);
        var proto = new TensorProto { Name = key, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(cpu.shape);
        proto.RawData = ByteString.CopyFrom(cpu.bytes);
        _graph.Initializer.Add(proto);
        _initializers.Add(key);
        return key;
    }

    public bool HasWeight(string key) => _weights.ContainsKey(key);

    /// <summary>The values of a state-dict weight, row-major, for layers that write a transformed copy of it.</summary>
    public float[] WeightValues(string key)
    {
        using var cpu = Float32OnCpu(key);
        return cpu.data<float>().ToArray();
    }

    public long[] WeightShape(string key) => StateDictTensor(key).shape;

    public string Int64s(params long[] values)
    {
        string name = Fresh("const_i64");
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        _graph.Initializer.Add(proto);
        return name;
    }

    public string Floats(long[] dims, params float[] values)
    {
        string name = Fresh("const_f32");
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.FloatData.AddRange(values);
        _graph.Initializer.Add(proto);
        return name;
    }

    public string Scalar(float value) => Floats([], value);

    /// <summary>A fresh name that starts with <paramref name="stem"/>, for grouping nodes under one layer.</summary>
    public string FreshName(string stem) => Fresh(stem);

    /// <summary>Adds a node and returns the name of its (first) output.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = NodeNamePrefix is null ? Fresh(op) : Fresh($"{NodeNamePrefix}/{op}") };
        node.Input.AddRange(inputs);
        string result = output ?? Fresh(op.ToLowerInvariant());
        node.Output.Add(result);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return result;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public ModelProto Build(string docString)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "RestoreWeb.Training",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    private string Fresh(string stem) => $"{stem}_{_counter++}";

    private Tensor StateDictTensor(string key) => _weights.TryGetValue(key, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"The state dict has no '{key}', which the exported graph needs.");

    private Tensor Float32OnCpu(string key) => StateDictTensor(key).detach().cpu().to_type(ScalarType.Float32).contiguous();

    private static ValueInfoProto ValueInfo(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (object dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => throw new ArgumentException($"Dimension {dim} is neither a size nor a symbolic name.", nameof(dims)),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
