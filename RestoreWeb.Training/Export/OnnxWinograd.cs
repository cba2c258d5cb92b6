using static RestoreWeb.Training.Export.OnnxGraphBuilder;

namespace RestoreWeb.Training.Export;

/// <summary>
/// A 3×3, stride-1 convolution written as Winograd F(2×2, 3×3) (Lavin and Gray, 2016): each 2×2 block of outputs
/// costs 16 multiplications per channel pair instead of 36. The quality mapping's 512-channel convolutions are
/// three quarters of the official network's work; on a CPU they already run near the cores' peak, so fewer
/// multiplications is what is left to gain. The layout keeps every transpose a copy of contiguous rows.
/// <list type="number">
/// <item>input transform Bᵀ d B of every overlapping 4×4 patch (stride 2): a grouped convolution with fixed kernels,
/// 16 outputs per channel;</item>
/// <item>16 matrix products with the transformed weights G g Gᵀ, one per position in the 4×4 patch;</item>
/// <item>output transform Aᵀ m A: one product with a 4×16 matrix, then the 2×2 blocks are put back in place.</item>
/// </list>
/// Odd output sizes are padded by one row or column and cropped back.
/// </summary>
public static class OnnxWinograd
{
    public const string NodeNameStem = "winograd3x3";

    private static readonly float[,] BT = { { 1, 0, -1, 0 }, { 0, 1, 1, 0 }, { 0, -1, 1, 0 }, { 0, 1, 0, -1 } };
    private static readonly float[,] G = { { 1, 0, 0 }, { 0.5f, 0.5f, 0.5f }, { 0.5f, -0.5f, 0.5f }, { 0, 0, 1 } };
    private static readonly float[,] AT = { { 1, 1, 1, 0 }, { 0, 1, -1, -1 } };

    /// <summary>Same result as Conv(x, "{prefix}.{weightName}", padding) with a 3×3 kernel.</summary>
    public static string WinogradConv3x3(this OnnxGraphBuilder g, string x, string prefix, int padding, string weightName = "weight")
    {
        ArgumentNullException.ThrowIfNull(g);
        long[] shape = g.WeightShape($"{prefix}.{weightName}");
        int outputs = checked((int)shape[0]), inputs = checked((int)shape[1]);
        string? outer = g.NodeNamePrefix;
        g.NodeNamePrefix = g.FreshName(NodeNameStem);
        try
        {
            if (padding > 0)
            {
                x = g.Node("Pad", [x, g.Int64s(0, 0, padding, padding, 0, 0, padding, padding)], null, Text("mode", "constant"));
            }

            // Even output sides: one more zero row/column where the side is odd (output side = input side - 2).
            string hw = g.Node("Slice", [g.Node("Shape", [x]), g.Int64s(2), g.Int64s(4)]);
            string extra = g.Node("Mod", [hw, g.Int64s(2, 2)]);
            string padded = g.Node("Pad", [x, g.Node("Concat", [g.Int64s(0, 0, 0, 0, 0, 0), extra], null, Int("axis", 0))], null, Text("mode", "constant"));

            // (N, 16·C, Th, Tw): channel c·16 + 4i + j holds (Bᵀ d B)[i, j] of channel c.
            string transformed = g.Node("Conv", [padded, g.Floats([16L * inputs, 1, 4, 4], InputTransformKernels(inputs))], null,
                Ints("kernel_shape", 4, 4), Ints("strides", 2, 2), Ints("pads", 0, 0, 0, 0), Ints("dilations", 1, 1), Int("group", inputs));
            string tiles = g.Node("Shape", [transformed]);
            string v = g.Node("Reshape", [transformed, g.Int64s(0, inputs, 16, -1)]);          // (N, C, 16, T)
            v = g.Node("Transpose", [v], null, Ints("perm", 2, 0, 1, 3));                      // (16, N, C, T)

            string u = g.Floats([16, 1, outputs, inputs], WeightTransform(g.WeightValues($"{prefix}.{weightName}"), outputs, inputs));
            string m = g.Node("MatMul", [u, v]);                                               // (16, N, K, T)
            string y = g.Node("MatMul", [g.Floats([4, 16], OutputTransform()), g.Node("Reshape", [m, g.Int64s(16, -1)])]); // (4, N·K·T)

            // (2·2, N, K·T) → (N, 2·2·K, Th, Tw), channel (2p + q)·K + k, which DepthToSpace puts at (2·th + p, 2·tw + q).
            string n = g.Node("Slice", [tiles, g.Int64s(0), g.Int64s(1)]);
            string thTw = g.Node("Slice", [tiles, g.Int64s(2), g.Int64s(4)]);
            y = g.Node("Transpose", [g.Node("Reshape", [y, g.Node("Concat", [g.Int64s(4), n, g.Int64s(-1)], null, Int("axis", 0))])], null, Ints("perm", 1, 0, 2));
            y = g.Node("Reshape", [y, g.Node("Concat", [n, g.Int64s(4L * outputs), thTw], null, Int("axis", 0))]);
            y = g.Node("DepthToSpace", [y], null, Int("blocksize", 2), Text("mode", "DCR"));

            string outputSides = g.Node("Sub", [hw, g.Int64s(2, 2)]);
            y = g.Node("Slice", [y, g.Int64s(0, 0), outputSides, g.Int64s(2, 3)]);
            if (g.HasWeight($"{prefix}.bias"))
            {
                y = g.Node("Add", [y, g.Floats([outputs, 1, 1], g.WeightValues($"{prefix}.bias"))]);
            }
            return y;
        }
        finally
        {
            g.NodeNamePrefix = outer;
        }
    }

    /// <summary>Kernel for output (i, j) of a channel: k[a, b] = Bᵀ[i, a] · Bᵀ[j, b], since ONNX Conv correlates.</summary>
    private static float[] InputTransformKernels(int channels)
    {
        // The same 16 kernels for every channel: made once, then repeated.
        var one = new float[16 * 16];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                for (int a = 0; a < 4; a++)
                {
                    for (int b = 0; b < 4; b++)
                    {
                        one[((i * 4) + j) * 16 + (a * 4) + b] = BT[i, a] * BT[j, b];
                    }
                }
            }
        }
        var kernels = new float[one.Length * (long)channels];
        for (int c = 0; c < channels; c++)
        {
            one.CopyTo(kernels, c * one.Length);
        }
        return kernels;
    }

    /// <summary>(K, C, 3, 3) → (16, 1, K, C): G w Gᵀ for every output/input channel pair, in double for accuracy.</summary>
    private static float[] WeightTransform(float[] weight, int outputs, int inputs)
    {
        var u = new float[16L * outputs * inputs];
        var gw = new double[4, 3];
        for (int k = 0; k < outputs; k++)
        {
            for (int c = 0; c < inputs; c++)
            {
                int w = ((k * inputs) + c) * 9;
                for (int i = 0; i < 4; i++)
                {
                    for (int col = 0; col < 3; col++)
                    {
                        gw[i, col] = (G[i, 0] * (double)weight[w + col]) + (G[i, 1] * (double)weight[w + 3 + col]) + (G[i, 2] * (double)weight[w + 6 + col]);
                    }
                }
                for (int i = 0; i < 4; i++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        double value = (gw[i, 0] * G[j, 0]) + (gw[i, 1] * G[j, 1]) + (gw[i, 2] * G[j, 2]);
                        u[((((i * 4) + j) * outputs) + k) * (long)inputs + c] = (float)value;
                    }
                }
            }
        }
        return u;
    }

    /// <summary>Row (p, q), column (i, j): Aᵀ[p, i] · Aᵀ[q, j].</summary>
    private static float[] OutputTransform()
    {
        var a = new float[4 * 16];
        for (int p = 0; p < 2; p++)
        {
            for (int q = 0; q < 2; q++)
            {
                for (int i = 0; i < 4; i++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        a[((p * 2) + q) * 16 + (i * 4) + j] = AT[p, i] * AT[q, j];
                    }
                }
            }
        }
        return a;
    }
}
