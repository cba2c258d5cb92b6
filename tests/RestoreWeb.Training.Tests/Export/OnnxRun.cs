using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using static TorchSharp.torch;

namespace RestoreWeb.Training.Tests.Export;

/// <summary>Runs an exported graph in a real ONNX Runtime CPU session with TorchSharp tensors in and out.</summary>
internal static class OnnxRun
{
    public static Dictionary<string, Tensor> Run(ModelProto model, params (string Name, Tensor Value)[] inputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(model.ToByteArray(), options);
        var values = inputs.Select(i =>
        {
            using var cpu = i.Value.detach().cpu().to_type(ScalarType.Float32).contiguous();
            return OrtValue.CreateTensorValueFromMemory(cpu.data<float>().ToArray(), cpu.shape);
        }).ToList();
        try
        {
            using var outputs = session.Run(new RunOptions(), inputs.Select(i => i.Name).ToList(), values, session.OutputNames);
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int i = 0; i < outputs.Count; i++)
            {
                var info = outputs[i].GetTensorTypeAndShape();
                result[session.OutputNames[i]] = tensor(outputs[i].GetTensorDataAsSpan<float>().ToArray(), info.Shape);
            }
            return result;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }
}
