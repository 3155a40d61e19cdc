<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <source>TSMV could not load the model %s</source>
        <translation>TSMV 无法加载模型 %s</translation>
    </message>
    <message>
        <source>Open in the Graphical Modeler (whole chain in view)…</source>
        <translation>在图形建模器中打开（可查看整个处理流程）…</translation>
    </message>
</context>
<context>
    <name>Attribution</name>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>The period needs at least 3 years, and the stacks every season of every year of it; otherwise it is refused.</source>
        <translation>时段至少需要 3 年，且数据栈须包含该时段内每一年的每个季节，否则将被拒绝。</translation>
    </message>
    <message>
        <source>A pixel needs every season of every year of the period in all four layers; otherwise, or if its TSM is constant (a standard deviation of at most 1e-9 of its mean), it is NaN.</source>
        <translation>像元须在全部四个土层中具有时段内每一年每个季节的数据；否则，或其 TSM 为常数（标准差不超过均值的 1e-9 倍）时，结果为 NaN。</translation>
    </message>
    <message>
        <source>The {DOMINANT} holds the two largest signed terms (eq. 10); ties go to the smaller code. Codes are k = 1 + 16c + 4s + d, named in the legend (&apos;IAV SA-S 100-200 cm&apos;).</source>
        <translation>{DOMINANT} 给出带符号的 32 项中（按数值）最大的两项（式 10）；数值相同时取代码较小者。代码 k = 1 + 16c + 4s + d，其名称见图例（如 'IAV SA-S 100-200 cm'）。</translation>
    </message>
    <message>
        <source>The means of the {TABLE} are area-weighted (cos latitude) over valid pixels, with unweighted means beside them; mean_omega is the area-weighted mean omega of the season-depth.</source>
        <translation>{TABLE} 中的均值为有效像元的面积加权均值（按纬度余弦加权），并同时给出未加权均值；mean_omega 为该季节-深度组合 omega 的面积加权均值。</translation>
    </message>
    <message>
        <source>Run it once per period (e.g. 1948-1999 and 2000-2024) to compare periods.</source>
        <translation>如需比较不同时段，请对每个时段分别运行一次（例如 1948-1999 年和 2000-2024 年）。</translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation>%s cm 季节土壤水分</translation>
    </message>
    <message>
        <source>Seasonal stack (kg m-2) of the %s cm layer from &apos;Classify wetness seasons&apos; (bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation>“划分湿度季节”输出的 %s cm 土层季节数据栈（kg m-2，波段 'YYYY H-S' ... 'YYYY A-S'）。</translation>
    </message>
    <message>
        <source>First year of the period. Empty: the first year of the stacks.</source>
        <translation>时段的第一年。留空：取数据栈的第一年。</translation>
    </message>
    <message>
        <source>Last year of the period. Empty: the last year of the stacks.</source>
        <translation>时段的最后一年。留空：取数据栈的最后一年。</translation>
    </message>
    <message>
        <source>Contributions of the 32 components</source>
        <translation>32 个分量的贡献</translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the RC of each component, band 1 + 16c + 4s + d for dynamic c (0 Trend, 1 IAV), season s (0 H-S ... 3 A-S), depth d (0 0-10 cm ... 3 100-200 cm), labelled %s.</source>
        <translation>GeoTIFF，单位为 Var(TSM) 的百分比：各分量的相对贡献 RC；动态类型 c（0 Trend，1 IAV）、季节 s（0 H-S ... 3 A-S）、深度 d（0 0-10 cm ... 3 100-200 cm）对应第 1 + 16c + 4s + d 波段，波段标签为 %s。</translation>
    </message>
    <message>
        <source>Contributions by season</source>
        <translation>各季节贡献</translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over depths and dynamics, bands %s.</source>
        <translation>GeoTIFF，单位为 Var(TSM) 的百分比：对深度和动态类型求和，波段 %s。</translation>
    </message>
    <message>
        <source>Contributions by depth</source>
        <translation>各深度贡献</translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over seasons and dynamics, bands %s (the product&apos;s layers).</source>
        <translation>GeoTIFF，单位为 Var(TSM) 的百分比：对季节和动态类型求和，波段 %s（产品的各层）。</translation>
    </message>
    <message>
        <source>Contributions by dynamic</source>
        <translation>各动态类型贡献</translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM): the sum over seasons and depths, bands %s.</source>
        <translation>GeoTIFF，单位为 Var(TSM) 的百分比：对季节和深度求和，波段 %s。</translation>
    </message>
    <message>
        <source>Contribution per unit of storage (omega)</source>
        <translation>单位储水量贡献（omega）</translation>
    </message>
    <message>
        <source>GeoTIFF, a ratio without unit: omega = (RC Trend + RC IAV) / P, P the component&apos;s share of mean TSM (percent); band 1 + 4s + d, labelled %s.</source>
        <translation>GeoTIFF，无量纲比值：omega = (RC Trend + RC IAV) / P，P 为该分量占 TSM 均值的份额（百分比）；第 1 + 4s + d 波段，标签为 %s。</translation>
    </message>
    <message>
        <source>Dominant components</source>
        <translation>主导分量</translation>
    </message>
    <message>
        <source>GeoTIFF, bands %s: the codes (1-32) and the contributions (percent of Var(TSM)) of the two largest of the 32 signed terms.</source>
        <translation>GeoTIFF，波段 %s：32 个带符号项中最大两项的代码（1-32）及其贡献（Var(TSM) 的百分比）。</translation>
    </message>
    <message>
        <source>Attribution table</source>
        <translation>归因表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%s: %d pixels attributed; area-weighted Trend %.1f%%, IAV %.1f%% of Var(TSM)</source>
        <translation>%s：已对 %d 个像元完成归因；面积加权后，趋势 (Trend) 占 Var(TSM) 的 %.1f%%，年际变率 (IAV) 占 %.1f%%</translation>
    </message>
    <message>
        <source>The log says how many pixels were attributed and why the others were not (no data in the period, a missing season-year, a constant TSM); the outputs record it too (metadata TSMV_COVERAGE). One missing month removes a pixel from the attribution of the whole period, while the trend only skips that year.</source>
        <translation>日志说明有多少像元完成了归因、其余像元为何未归因（时段内无数据、缺少某年某季、TSM 恒定）；输出也记录了这些信息（元数据 TSMV_COVERAGE）。缺少一个月就会使像元退出整个时段的归因，而趋势分析只跳过那一年。</translation>
    </message>
    <message>
        <source>A period made from both GLDAS V2.0 (before 2000) and V2.1 (from 2000) gets a warning, as the version change itself can look like a trend or a variance.</source>
        <translation>若时段同时包含 GLDAS V2.0（2000 年以前）和 V2.1（2000 年起）的数据，会给出警告，因为版本变化本身可能表现为趋势或方差。</translation>
    </message>
    <message>
        <source>6 Attribute TSM variability</source>
        <translation>6 总土壤水分变率归因</translation>
    </message>
    <message>
        <source>Splits the variance of each pixel's total soil moisture TSM(t) over the period from the {START_YEAR} to the {END_YEAR} into 32 contributions: 4 wetness seasons × 4 depths × {long-term trend, interannual variability (IAV)}, as in Li et al. (2025), eq. 1-10.</source>
        <translation>按照 Li et al. (2025) 的式 1-10，将每个像元在{START_YEAR} 至{END_YEAR} 时段内总土壤水分 TSM(t) 的方差分解为 32 项贡献：4 个湿度季节 × 4 个深度 × {长期趋势, 年际变率 (IAV)}。</translation>
    </message>
    <message>
        <source>With x&lt;sub&gt;s,d&lt;/sub&gt;(t) = SM&lt;sub&gt;s,d&lt;/sub&gt;(t)/4 (SM&lt;sub&gt;s,d&lt;/sub&gt;: the seasonal soil moisture stacks of 'Classify wetness seasons', kg m-2), TSM(t) = Σ&lt;sub&gt;s,d&lt;/sub&gt; x&lt;sub&gt;s,d&lt;/sub&gt;(t). α and α&lt;sub&gt;s,d&lt;/sub&gt; are ordinary-least-squares lines on the year, β and β&lt;sub&gt;s,d&lt;/sub&gt; the residuals. RC&lt;sup&gt;Trend&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; = Cov(α, α&lt;sub&gt;s,d&lt;/sub&gt;) / Var(TSM) and RC&lt;sup&gt;IAV&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; = Cov(β, β&lt;sub&gt;s,d&lt;/sub&gt;) / Var(TSM), in percent; the 32 terms sum to 100 percent at every pixel. ω&lt;sub&gt;s,d&lt;/sub&gt; = (RC&lt;sup&gt;Trend&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; + RC&lt;sup&gt;IAV&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt;) / P&lt;sub&gt;s,d&lt;/sub&gt;, where P&lt;sub&gt;s,d&lt;/sub&gt; is the component's share of mean TSM (percent): ω &gt; 1 means the component moves TSM more than its share of the water.</source>
        <translation>令 x&lt;sub&gt;s,d&lt;/sub&gt;(t) = SM&lt;sub&gt;s,d&lt;/sub&gt;(t)/4（SM&lt;sub&gt;s,d&lt;/sub&gt;：“划分湿度季节”输出的季节土壤水分数据栈，kg m-2），则 TSM(t) = Σ&lt;sub&gt;s,d&lt;/sub&gt; x&lt;sub&gt;s,d&lt;/sub&gt;(t)。α 与 α&lt;sub&gt;s,d&lt;/sub&gt; 为对年份的普通最小二乘拟合直线，β 与 β&lt;sub&gt;s,d&lt;/sub&gt; 为其残差。RC&lt;sup&gt;Trend&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; = Cov(α, α&lt;sub&gt;s,d&lt;/sub&gt;) / Var(TSM)，RC&lt;sup&gt;IAV&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; = Cov(β, β&lt;sub&gt;s,d&lt;/sub&gt;) / Var(TSM)，以百分比表示；每个像元的 32 项之和为 100%。ω&lt;sub&gt;s,d&lt;/sub&gt; = (RC&lt;sup&gt;Trend&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt; + RC&lt;sup&gt;IAV&lt;/sup&gt;&lt;sub&gt;s,d&lt;/sub&gt;) / P&lt;sub&gt;s,d&lt;/sub&gt;，其中 P&lt;sub&gt;s,d&lt;/sub&gt; 为该分量占平均 TSM 的份额（百分比）：ω &gt; 1 表示该分量对 TSM 变化的影响超过其所占的水量份额。</translation>
    </message>
    <message>
        <source>Only the 0-10 cm stack needs to be given: the other seasonal stacks left empty are taken from the run that wrote it, which recorded where it wrote them (a file counts only when it records being that output of that run; files moved together are found beside it). If they cannot be found, the run is refused and says which to give.</source>
        <translation>只需给出 0-10 cm 数据栈：留空的其他季节数据栈取自写出该数据栈的那次运行，该运行记录了它们的写出位置（只有记录表明自己正是该运行的相应输出的文件才会被采用；一起移动过的文件会在该数据栈旁边找到）。若找不到这些数据栈，运行将被拒绝，并说明需要给出哪些。</translation>
    </message>
    <message>
        <source>With a {BOOTSTRAP} of N replicates (0, the default, runs none), each of the 32 terms also gets a 95% interval, the {COMPONENTS_LOWER} and {COMPONENTS_UPPER}: the 2.5th and 97.5th percentiles (numpy.percentile, linear interpolation) of the term over N moving-block bootstrap replicates of the period's years (Künsch 1989, Annals of Statistics 17, 1217-1241). A replicate draws ceil(n / block) starts of blocks of consecutive years uniformly from the first n - block + 1 years of the period and keeps the first n years of the blocks put end to end; the 16 series of a pixel take the same years. A term whose interval excludes 0 is one the data pin down; an interval across 0 says its sign is not known.</source>
        <translation>若 {BOOTSTRAP} 设为 N 次重复（默认 0，即不运行），32 项中的每一项还会得到一个 95% 区间，即 {COMPONENTS_LOWER} 与 {COMPONENTS_UPPER}：该项在时段各年份的 N 个移动块自助法（moving-block bootstrap）重复样本上的第 2.5 和第 97.5 百分位数（numpy.percentile，线性插值）（Künsch 1989, Annals of Statistics 17, 1217-1241）。每个重复样本从时段的前 n - block + 1 年中均匀随机抽取 ceil(n / block) 个连续年份块的起始年，将各块首尾相接后保留前 n 年；同一像元的 16 个序列使用相同的年份。区间不含 0 的项是数据能够确定的；区间跨越 0 则表示其符号无法确定。</translation>
    </message>
    <message>
        <source>A replicate keeps each drawn value with its own year as the x of the least-squares lines, so its lines estimate the same trend and the Trend terms vary only as much as the data let them (numbering the drawn years 0..n-1 instead would scramble the order of the blocks and pull the Trend terms to 0).</source>
        <translation>重复样本中每个抽得的值都保留其本身的年份，作为最小二乘直线的 x，因此重复样本的直线估计的是同一趋势，Trend 项的变动幅度仅取决于数据本身（若改为将抽得的年份编号为 0..n-1，会打乱各块的顺序，使 Trend 项趋向 0）。</translation>
    </message>
    <message>
        <source>{BLOCK} 0 chooses the block length pixel by pixel from the lag-1 autocorrelation r1 of the pixel's TSM around its least-squares line: round(n^(1/3) (2 r1 / (1 - r1²))^(2/3)), at least 1 and at most n, the length Carlstein (1986, Annals of Statistics 14, 1171-1179) derived for an AR(1) series (r1 of 0 or below gives 1, i.e. years drawn one by one). A longer block keeps more of the years' autocorrelation; a block longer than the period is refused. Pixels with the same block length take the same draws; the log lists the block lengths used.</source>
        <translation>{BLOCK} 为 0 时，根据像元 TSM 相对其最小二乘直线的滞后 1 阶自相关系数 r1 逐像元选择块长度：round(n^(1/3) (2 r1 / (1 - r1²))^(2/3))，最小为 1，最大为 n，即 Carlstein (1986, Annals of Statistics 14, 1171-1179) 针对 AR(1) 序列推导的长度（r1 小于或等于 0 时取 1，即逐年抽取）。块越长，保留的年份间自相关越多；长于时段的块长度将被拒绝。块长度相同的像元使用相同的抽样；日志会列出所用的块长度。</translation>
    </message>
    <message>
        <source>The same {SEED} gives the same bounds; left empty, a random seed is used, and the log and the bounds' metadata say which, so the run can be repeated. A replicate whose TSM is constant or that holds a single year is left out of the pixel's percentiles. The {TABLE} then also has the area-weighted means of the bounds and the percent of the area whose interval excludes 0. Asking for the bounds with {BOOTSTRAP} 0 is refused. 1000 replicates of 25 years take about 40 s for the 15,000 land pixels of a global 1° grid on 2 cores, some 30 times the attribution alone; the time grows with replicates × pixels.</source>
        <translation>相同的 {SEED} 得到相同的区间界限；留空时使用随机种子，日志和界限的元数据会记录所用种子，以便重复运行。TSM 为常数或只含一个年份的重复样本不参与该像元百分位数的计算。此时 {TABLE} 还会给出界限的面积加权均值，以及区间不含 0 的面积百分比。在 {BOOTSTRAP} 为 0 时请求输出界限将被拒绝。对全球 1° 网格的 15,000 个陆地像元，25 年、1000 次重复在 2 个核上约需 40 s，约为单独归因耗时的 30 倍；耗时随重复次数 × 像元数增长。</translation>
    </message>
    <message>
        <source>Bootstrap replicates</source>
        <translation>自助法重复次数</translation>
    </message>
    <message>
        <source>Moving-block bootstrap replicates for the 95% intervals of the 32 terms (e.g. 1000); 0: no intervals.</source>
        <translation>用于计算 32 项 95% 区间的移动块自助法重复次数（例如 1000）；0：不计算区间。</translation>
    </message>
    <message>
        <source>Bootstrap block length (years)</source>
        <translation>自助法块长度（年）</translation>
    </message>
    <message>
        <source>Consecutive years per block of the bootstrap, at most the period&apos;s years; 0: chosen pixel by pixel from the lag-1 autocorrelation of TSM.</source>
        <translation>自助法每个块包含的连续年数，不超过时段的年数；0：根据 TSM 的滞后 1 阶自相关逐像元选择。</translation>
    </message>
    <message>
        <source>Bootstrap random seed</source>
        <translation>自助法随机种子</translation>
    </message>
    <message>
        <source>The same seed gives the same intervals; empty: a random seed, which the log reports.</source>
        <translation>相同的种子得到相同的区间；留空：使用随机种子，并在日志中报告。</translation>
    </message>
    <message>
        <source>Lower bounds of the contributions</source>
        <translation>贡献的下界</translation>
    </message>
    <message>
        <source>2.5th</source>
        <translation>2.5</translation>
    </message>
    <message>
        <source>Upper bounds of the contributions</source>
        <translation>贡献的上界</translation>
    </message>
    <message>
        <source>97.5th</source>
        <translation>97.5</translation>
    </message>
    <message>
        <source>GeoTIFF, percent of Var(TSM), 32 bands labelled as the COMPONENTS: the %s percentile of each term over the bootstrap replicates (needs BOOTSTRAP above 0).</source>
        <translation>GeoTIFF，单位为 Var(TSM) 的百分比，32 个波段，标签与 COMPONENTS 相同：各项在自助法重复样本上的第 %s 百分位数（要求 BOOTSTRAP 大于 0）。</translation>
    </message>
    <message>
        <source>CSV, one row per component (32): code, dynamic, season, depth, mean_percent (area-weighted, percent of Var(TSM)), mean_percent_unweighted, mean_omega (area-weighted), pixels, mean_lower (with BOOTSTRAP: the area-weighted mean of the lower bounds), mean_upper (of the upper bounds), percent_excluding_zero (with BOOTSTRAP: percent of the area whose interval excludes 0).</source>
        <translation>CSV，每个分量（共 32 个）一行：code、dynamic、season、depth、mean_percent（面积加权，占 Var(TSM) 的百分比）、mean_percent_unweighted、mean_omega（面积加权）、pixels、mean_lower（启用 BOOTSTRAP 时：下界的面积加权均值）、mean_upper（上界的面积加权均值）、percent_excluding_zero（启用 BOOTSTRAP 时：区间不含 0 的面积百分比）。</translation>
    </message>
</context>
<context>
    <name>Changepoint</name>
    <message>
        <source>5b Find change points</source>
        <translation>5b 检测突变点</translation>
    </message>
    <message>
        <source>Per pixel, Pettitt&apos;s test for one abrupt change in a series (Pettitt 1979, A non-parametric approach to the change-point problem, Applied Statistics 28:126-135): the year after which the values shift up or down as a whole, how strong the evidence is, and by how much they shift. It is a rank test: it needs no normal distribution and a single outlier moves it little, but it finds one change only, and a steady trend also gives a change point near the middle of the period; read it beside tsmv:trend.</source>
        <translation>逐像元对序列进行 Pettitt 单突变点检验（Pettitt 1979, A non-parametric approach to the change-point problem, Applied Statistics 28:126-135）：给出数值在其后整体上移或下移的年份、证据的强度以及偏移的幅度。这是一种秩检验：不要求正态分布，单个异常值对其影响很小；但它只能检测一个突变，且平稳的趋势也会在时段中部附近产生一个突变点，因此应结合 tsmv:trend 的结果解读。</translation>
    </message>
    <message>
        <source>The input is a labelled stack as for tsmv:trend: yearly (bands YYYY, e.g. the annual total soil moisture of &apos;Classify wetness seasons&apos;), seasonal (bands &apos;YYYY H-S&apos;; choose the {SEASON}) or monthly (bands YYYY-MM, made into years by their annual mean; a year with a missing month is missing).</source>
        <translation>输入为与 tsmv:trend 相同的带波段标签的数据栈：年数据栈（波段 YYYY，如“划分湿度季节”输出的年总土壤水分）、季节数据栈（波段 'YYYY H-S'；需选择 {SEASON}）或月数据栈（波段 YYYY-MM，按年均值汇总为年值；缺少任一月份的年份视为缺测）。</translation>
    </message>
    <message>
        <source>The test is exactly pyhomogeneity's pettitt_test with sim=None (its asymptotic p-value; with its default of 20000 Monte Carlo simulations pyhomogeneity gives a random p-value instead): with r&lt;sub&gt;i&lt;/sub&gt; the ranks of the n valid values (average ranks for ties), U&lt;sub&gt;t&lt;/sub&gt; = 2(r&lt;sub&gt;1&lt;/sub&gt; + … + r&lt;sub&gt;t&lt;/sub&gt;) − t(n + 1) for t = 1 … n − 1, K = max |U&lt;sub&gt;t&lt;/sub&gt;|, and the change point is the first t where |U&lt;sub&gt;t&lt;/sub&gt;| = K: the t-th valid year is the last before the change. p = 2 exp(−6K² / (n³ + n²)), Pettitt's approximation, capped at 1 (pyhomogeneity and R's trend::pettitt.test leave it above 1 when K is small).</source>
        <translation>该检验与 pyhomogeneity 的 pettitt_test（sim=None）完全一致（即其渐近 p 值；若采用其默认的 20000 次蒙特卡罗模拟，pyhomogeneity 给出的则是随机的 p 值）：记 r&lt;sub&gt;i&lt;/sub&gt; 为 n 个有效值的秩（结取平均秩），对 t = 1 … n − 1，U&lt;sub&gt;t&lt;/sub&gt; = 2(r&lt;sub&gt;1&lt;/sub&gt; + … + r&lt;sub&gt;t&lt;/sub&gt;) − t(n + 1)，K = max |U&lt;sub&gt;t&lt;/sub&gt;|，突变点为使 |U&lt;sub&gt;t&lt;/sub&gt;| = K 的第一个 t：第 t 个有效年份为突变前的最后一年。p = 2 exp(−6K² / (n³ + n²))，即 Pettitt 近似，上限截断为 1（K 较小时，pyhomogeneity 和 R 的 trend::pettitt.test 会给出大于 1 的值）。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Missing years (NaN, or infinite) are left out and the test runs on the valid years in order; the band year is the valid year after which the change falls, so a change across a gap is dated to the last valid year before it.</source>
        <translation>缺测年份（NaN 或无穷值）被略去，检验按顺序在有效年份上进行；year 波段为突变发生之前的那个有效年份，因此跨越缺测间隔的突变被定在间隔前的最后一个有效年份。</translation>
    </message>
    <message>
        <source>A pixel with fewer than %d valid years (as the default minimum of tsmv:trend), and a constant series (K = 0: no split is better than any other), are NaN in every band.</source>
        <translation>有效年数少于 %d 的像元（与 tsmv:trend 的默认最小值相同）以及常数序列（K = 0：任何分割都不优于其他分割）在所有波段中均为 NaN。</translation>
    </message>
    <message>
        <source>The band shift is the median of the valid values after the change minus the median of those up to it, in the input&apos;s units (pyhomogeneity reports the two means instead).</source>
        <translation>shift 波段为突变之后有效值的中位数减去突变之前（含突变年）有效值的中位数，单位与输入相同（pyhomogeneity 给出的则是两段的均值）。</translation>
    </message>
    <message>
        <source>Significant means p &lt; α, α the {ALPHA}.</source>
        <translation>显著指 p &lt; α，其中 α 为 {ALPHA}。</translation>
    </message>
    <message>
        <source>{SEASON} is for seasonal stacks only: set with a yearly or monthly stack, it is refused.</source>
        <translation>{SEASON} 仅适用于季节数据栈：输入为年或月数据栈时若设置了该参数，将被拒绝。</translation>
    </message>
    <message>
        <source>GLDAS V2.0 (1948-1999) and V2.1 (2000 on) differ in forcing and model version. In a period that spans both, a cluster of change points at 1999 (the last V2.0 year) points to the product change rather than to a change in soil moisture; the log warns when the period mixes the versions (read from the stack&apos;s band metadata GLDAS_VERSION, written by the import). Li et al. (2025) split the record at 2000 for this reason.</source>
        <translation>GLDAS V2.0（1948-1999）与 V2.1（2000 年起）的驱动数据和模型版本不同。在跨越两个版本的时段中，若突变点集中于 1999 年（V2.0 的最后一年），则指示的是产品版本的变化，而非土壤水分的变化；时段混合两个版本时日志会给出警告（版本读取自数据栈的波段元数据 GLDAS_VERSION，由导入步骤写入）。Li et al. (2025) 正是因此在 2000 年将记录分段。</translation>
    </message>
    <message>
        <source>The log says how many pixels were tested and why the others were not; the output records it too (metadata TSMV_COVERAGE).</source>
        <translation>日志说明有多少像元参与了检验、其余像元为何未检验；输出也记录了这些信息（元数据 TSMV_COVERAGE）。</translation>
    </message>
    <message>
        <source>The {OUTPUT} is styled by year (a sequential ramp); its p-value (break at α) and shift (diverging about 0) styles are offered as alternative layer styles (and as .p_value.qml, .shift.qml files). The {SUMMARY} gives, for each year, the area-weighted (cos latitude) share of the tested pixels whose significant change point falls after that year.</source>
        <translation>{OUTPUT} 按年份渲染（顺序色带）；p 值样式（以 α 为分界）和 shift 样式（以 0 为中心的发散色带）作为备选图层样式提供（同时保存为 .p_value.qml、.shift.qml 文件）。{SUMMARY} 对每一年给出显著突变点位于该年之后的像元在已检验像元中的面积加权（按纬度余弦）占比。</translation>
    </message>
    <message>
        <source>Annual total soil moisture (or any labelled stack)</source>
        <translation>年总土壤水分（或任一带标签的数据栈）</translation>
    </message>
    <message>
        <source>A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM, made into annual means).</source>
        <translation>带波段标签的数据栈：年（YYYY）、季节（YYYY H-S）或月（YYYY-MM，汇总为年均值）。</translation>
    </message>
    <message>
        <source>Season (seasonal stacks)</source>
        <translation>季节（季节数据栈）</translation>
    </message>
    <message>
        <source>For a seasonal stack: the season whose series is tested.</source>
        <translation>用于季节数据栈：要检验其序列的季节。</translation>
    </message>
    <message>
        <source>First year of the period. Empty: the first year of the stack.</source>
        <translation>时段的第一年。留空：取数据栈的第一年。</translation>
    </message>
    <message>
        <source>Last year of the period. Empty: the last year of the stack.</source>
        <translation>时段的最后一年。留空：取数据栈的最后一年。</translation>
    </message>
    <message>
        <source>Significance level</source>
        <translation>显著性水平</translation>
    </message>
    <message>
        <source>Significance level alpha of the test: a change point is significant when p is below alpha.</source>
        <translation>检验的显著性水平 alpha：p 小于 alpha 时突变点为显著。</translation>
    </message>
    <message>
        <source>Change points</source>
        <translation>突变点</translation>
    </message>
    <message>
        <source>GeoTIFF, bands %s (year: the last year before the change; shift in the input&apos;s units).</source>
        <translation>GeoTIFF，波段 %s（year：突变前的最后一年；shift 的单位与输入相同）。</translation>
    </message>
    <message>
        <source>Change points by year</source>
        <translation>逐年突变点汇总</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>CSV, one row per year of the period but its last: year (the last year before the change), pixels (pixels with a significant change point after that year), percent_of_valid_area (their area-weighted share of the tested pixels, percent).</source>
        <translation>CSV，时段内除最后一年外每年一行：year（突变前的最后一年）、pixels（在该年之后出现显著突变点的像元数）、percent_of_valid_area（这些像元在已检验像元中的面积加权占比，百分比）。</translation>
    </message>
    <message>
        <source>%d-%d: %d pixels tested; %d (%.1f%% of their area) have a change point with p &lt; %g</source>
        <translation>%d-%d：已检验 %d 个像元；其中 %d 个（占其面积的 %.1f%%）存在 p &lt; %g 的突变点</translation>
    </message>
    <message>
        <source>Most often after %d: %.1f%% of the tested area</source>
        <translation>最常见于 %d 年之后：占已检验面积的 %.1f%%</translation>
    </message>
</context>
<context>
    <name>Correlation</name>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Years where both series exist are used (pairwise complete); fewer than 5 years, or a constant series, gives NaN.</source>
        <translation>仅使用两个序列均有值的年份（成对完整）；不足 5 年或序列为常数时，结果为 NaN。</translation>
    </message>
    <message>
        <source>The period runs from the {START_YEAR} to the {END_YEAR}, within the years that have soil moisture, season codes and GPP (all 12 months); GPP years that do not overlap the soil-moisture years are refused, and so is a period with fewer than 5 such years.</source>
        <translation>时段为{START_YEAR} 至{END_YEAR}，限于同时具有土壤水分、季节代码和 GPP（12 个月齐全）的年份；GPP 年份与土壤水分年份没有重叠时将被拒绝，符合条件的年份不足 5 年时同样被拒绝。</translation>
    </message>
    <message>
        <source>The {R} and the {P} have 16 bands, band 1 + 4s + d (&apos;H-S 0-10 cm&apos; ...).</source>
        <translation>{R} 与 {P} 各有 16 个波段，季节 s、深度 d 对应第 1 + 4s + d 波段（'H-S 0-10 cm' ...）。</translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation>%s cm 季节土壤水分</translation>
    </message>
    <message>
        <source>Seasonal stack (kg m-2) of the %s cm layer from &apos;Classify wetness seasons&apos; (bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation>“划分湿度季节”输出的 %s cm 土层季节数据栈（kg m-2，波段 'YYYY H-S' ... 'YYYY A-S'）。</translation>
    </message>
    <message>
        <source>Season codes</source>
        <translation>季节代码</translation>
    </message>
    <message>
        <source>First year. Empty: the first year with all inputs.</source>
        <translation>起始年份。留空：取所有输入均具备的第一年。</translation>
    </message>
    <message>
        <source>Last year. Empty: the last year with all inputs.</source>
        <translation>结束年份。留空：取所有输入均具备的最后一年。</translation>
    </message>
    <message>
        <source>Significance level</source>
        <translation>显著性水平</translation>
    </message>
    <message>
        <source>A correlation is significant when its p-value is below this.</source>
        <translation>p 值低于此值时，相关视为显著。</translation>
    </message>
    <message>
        <source>Pearson r</source>
        <translation>皮尔逊 r</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled %s (band 1 + 4s + d): the Pearson r (no unit, -1 to 1) of each season and depth.</source>
        <translation>GeoTIFF，16 个波段，标签为 %s（第 1 + 4s + d 波段）：各季节、各深度的皮尔逊 r（无量纲，-1 至 1）。</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p 值</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: the two-sided p-value of each r.</source>
        <translation>GeoTIFF，16 个波段，标签与{R} 相同：各 r 的双侧 p 值。</translation>
    </message>
    <message>
        <source>Correlation table</source>
        <translation>相关分析表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Correlated seasonal soil moisture with GPP over %s</source>
        <translation>已完成 %s 时段季节土壤水分与 GPP 的相关分析</translation>
    </message>
    <message>
        <source>The season codes must match how &apos;Classify wetness seasons&apos; ranked the months (it records this in the seasonal stacks): stacks ranked by the total profile take its Season codes; stacks ranked by each layer on its own take its Season codes of each layer, so that each layer&apos;s soil moisture and its GPP come from that layer&apos;s own months. Any other pair is refused, as are seasonal stacks that do not record their ranking.</source>
        <translation>季节代码必须与“划分湿度季节”对月份的排序方式一致（该方式记录在季节数据栈中）：按整个剖面排序的数据栈使用其“季节代码”；各土层分别排序的数据栈使用其“各土层季节代码”，从而使每一层的土壤水分与其 GPP 来自该层自己的月份。其他任何组合都会被拒绝，未记录排序方式的季节数据栈也会被拒绝。</translation>
    </message>
    <message>
        <source>The root zone (10-100 cm) is the sum of the 10-40 and 40-100 cm seasonal soil moisture, correlated with GPP in the same way ({R_ROOT_ZONE}, {P_ROOT_ZONE} and the table&apos;s &apos;10-100 cm&apos; rows). With per-layer ranking the two layers&apos; seasons are different months, so the root zone is not computed.</source>
        <translation>根区（10-100 cm）为 10-40 cm 与 40-100 cm 季节土壤水分之和，以同样方式与 GPP 做相关分析（{R_ROOT_ZONE}、{P_ROOT_ZONE} 以及表中的“10-100 cm”行）。各土层分别排序时，两层的季节是不同的月份，因此不计算根区。</translation>
    </message>
    <message>
        <source>The log says how many pixels have a correlation and why the others have none (no soil moisture or no GPP in the period, fewer than 5 years with both, a constant series); the rasters record it too (metadata TSMV_COVERAGE).</source>
        <translation>日志说明有多少像元得到了相关系数、其余像元为何没有（时段内无土壤水分或无 GPP、两者同时存在的年份少于 5 年、序列恒定）；栅格也记录了这些信息（元数据 TSMV_COVERAGE）。</translation>
    </message>
    <message>
        <source>Pearson r of the root zone (10-100 cm)</source>
        <translation>根区（10-100 cm）皮尔逊 r</translation>
    </message>
    <message>
        <source>GeoTIFF, 4 bands %s: the r of the summed 10-40 and 40-100 cm seasonal soil moisture with seasonal GPP.</source>
        <translation>GeoTIFF，4 个波段 %s：10-40 cm 与 40-100 cm 季节土壤水分之和与季节 GPP 的 r。</translation>
    </message>
    <message>
        <source>p-value of the root zone (10-100 cm)</source>
        <translation>根区（10-100 cm）p 值</translation>
    </message>
    <message>
        <source>GeoTIFF, 4 bands labelled as the {R_ROOT_ZONE}: the two-sided p-value of each r.</source>
        <translation>GeoTIFF，4 个波段，标签与{R_ROOT_ZONE} 相同：各 r 的双侧 p 值。</translation>
    </message>
    <message>
        <source>3 Correlate with GPP</source>
        <translation>3 与 GPP 的相关分析</translation>
    </message>
    <message>
        <source>For every pixel, wetness season s and depth d: the Pearson correlation r between seasonal soil moisture SM&lt;sub&gt;s,d&lt;/sub&gt;(t) and seasonal GPP&lt;sub&gt;s&lt;/sub&gt;(t) over the years, and its two-sided p-value (t test, n - 2 degrees of freedom), as in Li et al. (2025), section 3.4.</source>
        <translation>按照 Li et al. (2025) 第 3.4 节，对每个像元、每个湿度季节 s 和深度 d，计算季节土壤水分 SM&lt;sub&gt;s,d&lt;/sub&gt;(t) 与季节 GPP&lt;sub&gt;s&lt;/sub&gt;(t) 在各年间的皮尔逊相关系数 r 及其双侧 p 值（t 检验，自由度 n - 2）。</translation>
    </message>
    <message>
        <source>GPP&lt;sub&gt;s&lt;/sub&gt;(t) is the mean of the monthly GPP over the three months that the {SEASON_CODES} give season s in year t at that pixel (NaN if one of them is missing).</source>
        <translation>GPP&lt;sub&gt;s&lt;/sub&gt;(t) 为该像元第 t 年中被{SEASON_CODES} 划为季节 s 的三个月的月 GPP 均值（其中任一月缺测则为 NaN）。</translation>
    </message>
    <message>
        <source>Monthly GPP (on the soil-moisture grid)</source>
        <translation>月 GPP（土壤水分网格上）</translation>
    </message>
    <message>
        <source>Monthly GPP stack (g C m-2 d-1, bands YYYY-MM) on the same grid: the Monthly GPP of &apos;Aggregate GOSIF GPP&apos;.</source>
        <translation>同一网格上的月 GPP 数据栈（g C m-2 d-1，波段 YYYY-MM）：即“聚合 GOSIF GPP”输出的“月 GPP”。</translation>
    </message>
    <message>
        <source>Ecosystems (from land cover)</source>
        <translation>生态系统（由土地覆盖划分）</translation>
    </message>
    <message>
        <source>Ecosystem codes (1-4) on the same grid: the Ecosystems of &apos;Ecosystems from MCD12C1&apos;.</source>
        <translation>同一网格上的生态系统代码（1-4）：即“由 MCD12C1 划分生态系统”输出的“生态系统”。</translation>
    </message>
    <message>
        <source>Inputs are checked for their role: the {SEASON_CODES} and the {GPP} must be monthly stacks holding season codes (1-4) and GPP (a swapped pair is refused by their metadata or values); the {ECOSYSTEMS} must be the one-band &apos;ecosystem&apos; raster (Ecosystems) of &apos;Ecosystems from MCD12C1&apos;, codes 1-4. All inputs must be on the same grid.</source>
        <translation>各输入会按其用途检查：{SEASON_CODES} 与{GPP} 必须分别是存放季节代码（1-4）和 GPP 的月数据栈（二者互换时，会根据元数据或数值识别并拒绝）；{ECOSYSTEMS} 必须是“由 MCD12C1 划分生态系统”输出的单波段 'ecosystem' 栅格（“生态系统”），代码 1-4。所有输入必须位于同一网格上。</translation>
    </message>
    <message>
        <source>Only the 0-10 cm stack needs to be given: the other seasonal stacks and the {SEASON_CODES} left empty are taken from the run that wrote it, which recorded where it wrote them (a file counts only when it records being that output of that run; files moved together are found beside it). If they cannot be found, the run is refused and says which to give.</source>
        <translation>只需给出 0-10 cm 数据栈：留空的其他季节数据栈和 {SEASON_CODES} 取自写出该数据栈的那次运行，该运行记录了它们的写出位置（只有记录表明自己正是该运行的相应输出的文件才会被采用；一起移动过的文件会在该数据栈旁边找到）。若找不到这些文件，运行将被拒绝，并说明需要给出哪些。</translation>
    </message>
    <message>
        <source>The Season codes of &apos;Classify wetness seasons&apos; (bands YYYY-MM, codes 1-4); when it ranked each layer on its own, its Season codes of each layer. Empty: those of the run that wrote the first layer&apos;s stack.</source>
        <translation>“划分湿度季节”输出的“季节代码”（波段 YYYY-MM，代码 1-4）；若其按各土层分别排序，则为其“各土层季节代码”。留空：取写出第一个土层数据栈的那次运行的季节代码。</translation>
    </message>
    <message>
        <source>The {TABLE} gives, for Global (every pixel with an r) and for Forests, Shrublands, Grasslands and Croplands (codes 1-4 of the {ECOSYSTEMS}), by season and depth: pixels, mean_r and mean_p (area-weighted, cos latitude), significant_pixels (p &lt; alpha, the {ALPHA}, or the rule of {EFFECTIVE_N} and {FDR} below) and percent_significant (area-weighted, percent) - the paper&apos;s comprehensive table.</source>
        <translation>{TABLE} 针对 Global（全球，即所有具有 r 值的像元）以及 Forests、Shrublands、Grasslands 和 Croplands（森林、灌丛、草地和农田，即 {ECOSYSTEMS} 的代码 1-4），按季节和深度给出：pixels、mean_r 和 mean_p（面积加权，按纬度余弦）、significant_pixels（p &lt; alpha，alpha 即 {ALPHA}；或采用下文 {EFFECTIVE_N} 和 {FDR} 的规则）以及 percent_significant（面积加权，百分比）——即论文中的综合表。</translation>
    </message>
    <message>
        <source>Beyond the paper (all off by default, which gives the paper&apos;s numbers; the rasters record these settings and the significance level in their metadata):</source>
        <translation>超出论文范围的选项（默认全部关闭，此时得到论文中的数值；栅格会在元数据中记录这些设置及显著性水平）：</translation>
    </message>
    <message>
        <source>{MAX_LAG}: GPP may answer soil moisture some months later. For each lag L from 0 to this many months (at most 11), GPP&lt;sub&gt;s&lt;/sub&gt;(t) is the mean of the three months coded s in year t each shifted L months later (into the next year where they pass December; a year whose shifted months are missing or past the last GPP month is missing). The {R_BEST_LAG} is the largest r over the lags (the most positive: the argument for a lag is that wetter soil raises GPP later; a tie goes to the shorter lag) and the {BEST_LAG} its lag in months. The {R} and {P} stay those of lag 0. Choosing the best of several lags inflates r and its significance, so no p is given for it: for a conservative test, multiply the p of that lag by the number of lags tried, {MAX_LAG} + 1 (Bonferroni).</source>
        <translation>{MAX_LAG}：GPP 对土壤水分的响应可能滞后若干个月。对从 0 到该月数（最多 11）的每个滞后 L，GPP&lt;sub&gt;s&lt;/sub&gt;(t) 为第 t 年中代码为 s 的三个月各自向后推移 L 个月后的均值（越过 12 月时推入下一年；推移后的月份有缺测或超出 GPP 最后一个月的年份视为缺测）。{R_BEST_LAG} 为各滞后中最大的 r（取最正的值：考虑滞后的依据是土壤越湿润，随后的 GPP 越高；并列时取较短的滞后），{BEST_LAG} 为其滞后月数。{R} 和 {P} 仍为滞后 0 的结果。从多个滞后中选取最佳者会夸大 r 及其显著性，因此不给出其 p 值：如需保守的检验，可将该滞后的 p 乘以所尝试的滞后个数 {MAX_LAG} + 1（Bonferroni 校正）。</translation>
    </message>
    <message>
        <source>{EFFECTIVE_N}: yearly series that are autocorrelated hold fewer independent years than n, and the plain t test then finds too many significant r. With it, p comes from the t test with n&lt;sub&gt;eff&lt;/sub&gt; - 2 degrees of freedom, n&lt;sub&gt;eff&lt;/sub&gt; = n (1 - r&lt;sub&gt;1&lt;/sub&gt;r&lt;sub&gt;2&lt;/sub&gt;) / (1 + r&lt;sub&gt;1&lt;/sub&gt;r&lt;sub&gt;2&lt;/sub&gt;), r&lt;sub&gt;1&lt;/sub&gt;, r&lt;sub&gt;2&lt;/sub&gt; the lag-1 autocorrelations of the two series (detrended first when {DETREND} is set) over their common years (Bretherton et al. 1999, J. Climate 12:1990-2009, eq. 31); n&lt;sub&gt;eff&lt;/sub&gt; is kept within 3 to n (at least one degree of freedom, never more years than there are).</source>
        <translation>{EFFECTIVE_N}：存在自相关的年序列所含的独立年份少于 n，普通 t 检验因而会将过多的 r 判为显著。启用后，p 由自由度为 n&lt;sub&gt;eff&lt;/sub&gt; - 2 的 t 检验得到，n&lt;sub&gt;eff&lt;/sub&gt; = n (1 - r&lt;sub&gt;1&lt;/sub&gt;r&lt;sub&gt;2&lt;/sub&gt;) / (1 + r&lt;sub&gt;1&lt;/sub&gt;r&lt;sub&gt;2&lt;/sub&gt;)，其中 r&lt;sub&gt;1&lt;/sub&gt;、r&lt;sub&gt;2&lt;/sub&gt; 为两个序列在其共同年份上的滞后 1 阶自相关系数（设置了 {DETREND} 时先去趋势）（Bretherton et al. 1999, J. Climate 12:1990-2009, 式 31）；n&lt;sub&gt;eff&lt;/sub&gt; 限定在 3 到 n 之间（至少保留一个自由度，且绝不多于实际年数）。</translation>
    </message>
    <message>
        <source>{FDR}: with thousands of pixels tested, about {ALPHA} of them are significant by chance. With it, a pixel is significant when its Benjamini-Hochberg q-value, over the valid pixels of its season and depth band (each root-zone band alone), is below the {ALPHA}, as in &quot;Sen&apos;s slope, Mann-Kendall&quot; (Benjamini and Hochberg 1995). The {P} stays the p-value. The q-values need every pixel&apos;s p at once: 4 bytes a pixel and band are kept in memory.</source>
        <translation>{FDR}：检验数千个像元时，约有 {ALPHA} 比例的像元会因偶然而显著。启用后，当像元的 Benjamini-Hochberg q 值（基于其所属季节和深度波段的有效像元计算，根区各波段单独计算）低于 {ALPHA} 时，该像元判为显著，与“Sen 斜率与 Mann-Kendall 检验”相同（Benjamini and Hochberg 1995）。{P} 仍为 p 值。计算 q 值需要同时获得每个像元的 p：每个像元每个波段在内存中占用 4 字节。</translation>
    </message>
    <message>
        <source>The {TABLE}&apos;s column significance names the rule that made a pixel significant: &apos;p &lt; 0.05&apos;, &apos;p (effective n) &lt; 0.05&apos;, &apos;BH q &lt; 0.05&apos; or &apos;BH q (effective n) &lt; 0.05&apos; (with the {ALPHA} given).</source>
        <translation>{TABLE} 的 significance 列注明判定像元显著所依据的规则：'p &lt; 0.05'、'p (effective n) &lt; 0.05'、'BH q &lt; 0.05' 或 'BH q (effective n) &lt; 0.05'（其中的数值为所设的 {ALPHA}）。</translation>
    </message>
    <message>
        <source>Remove each series&apos; linear trend first</source>
        <translation>先去除每个序列的线性趋势</translation>
    </message>
    <message>
        <source>Correlate the residuals about each series&apos; least-squares line on the year.</source>
        <translation>对每个序列相对其对年份的最小二乘直线的残差做相关分析。</translation>
    </message>
    <message>
        <source>Largest lag of GPP after soil moisture (months)</source>
        <translation>GPP 滞后于土壤水分的最大滞后（月）</translation>
    </message>
    <message>
        <source>0: no lag (the paper). Above 0: also the {R_BEST_LAG} and {BEST_LAG} over lags 0 to this many months.</source>
        <translation>0：无滞后（同论文）。大于 0：另外给出滞后 0 至该月数范围内的 {R_BEST_LAG} 和 {BEST_LAG}。</translation>
    </message>
    <message>
        <source>p from the effective sample size (Bretherton et al. 1999)</source>
        <translation>由有效样本量计算 p（Bretherton et al. 1999）</translation>
    </message>
    <message>
        <source>Take p from the t test with the effective number of years of two autocorrelated series.</source>
        <translation>对两个自相关序列，采用基于有效年数的 t 检验计算 p。</translation>
    </message>
    <message>
        <source>Control the false discovery rate (Benjamini-Hochberg)</source>
        <translation>控制错误发现率（Benjamini-Hochberg）</translation>
    </message>
    <message>
        <source>Judge significance in the {TABLE} by Benjamini-Hochberg q-values over the pixels of each band.</source>
        <translation>在 {TABLE} 中基于各波段像元的 Benjamini-Hochberg q 值判断显著性。</translation>
    </message>
    <message>
        <source>Pearson r at the best lag</source>
        <translation>最佳滞后处的皮尔逊 r</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: the largest r over the lags 0 to the {MAX_LAG} (made, as a temporary file if left empty, when the {MAX_LAG} is above 0).</source>
        <translation>GeoTIFF，16 个波段，标签与{R} 相同：滞后 0 至 {MAX_LAG} 范围内最大的 r（当 {MAX_LAG} 大于 0 时生成；留空则生成临时文件）。</translation>
    </message>
    <message>
        <source>Best lag (months)</source>
        <translation>最佳滞后（月）</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: the lag in months (GPP after soil moisture) of the {R_BEST_LAG} (made when the {MAX_LAG} is above 0).</source>
        <translation>GeoTIFF，16 个波段，标签与{R} 相同：{R_BEST_LAG} 对应的滞后月数（GPP 滞后于土壤水分）（当 {MAX_LAG} 大于 0 时生成）。</translation>
    </message>
    <message>
        <source>CSV, one row per ecosystem (Global, Forests, Shrublands, Grasslands, Croplands), season and depth (the four layers, then the root zone &apos;10-100 cm&apos;): ecosystem, season, depth, pixels, mean_r, mean_p, significant_pixels, percent_significant (percent), significance (which rule made a pixel significant, as the help says).</source>
        <translation>CSV，每个生态系统（Global、Forests、Shrublands、Grasslands、Croplands）、季节和深度（先为四个土层，然后是根区 '10-100 cm'）一行：ecosystem、season、depth、pixels、mean_r、mean_p、significant_pixels、percent_significant（百分比）、significance（判定像元显著所依据的规则，见帮助说明）。</translation>
    </message>
    <message>
        <source>{DETREND}: two series that both drift over the years correlate even when their year-to-year changes do not. With it, each series loses its own least-squares line on the year (fitted over the years both exist) before r and p (n - 2 degrees of freedom, as scipy.stats.pearsonr of the residuals): r then measures the coupling of the anomalies. A series that is a straight line gives NaN. The {R_NOT_DETRENDED} and {P_NOT_DETRENDED} keep, from the same read of the inputs, the r and p without it (lag 0, p by the same test: the paper&apos;s r and p unless {EFFECTIVE_N} is set), so that the report can show what detrending changed.</source>
        <translation>{DETREND}：两个序列若都随年份漂移，即使其逐年变化并不相关，二者也会表现出相关。启用后，在计算 r 和 p（自由度 n - 2，与对残差调用 scipy.stats.pearsonr 相同）之前，每个序列先减去其自身对年份的最小二乘直线（在两个序列均有值的年份上拟合）：此时 r 衡量的是距平之间的耦合。本身为直线的序列结果为 NaN。{R_NOT_DETRENDED} 和 {P_NOT_DETRENDED} 在同一次读取输入时保留不去趋势的 r 和 p（滞后 0，p 采用相同的检验：除非设置了 {EFFECTIVE_N}，即为论文中的 r 和 p），以便报告展示去趋势带来的变化。</translation>
    </message>
    <message>
        <source>Pearson r not detrended</source>
        <translation>未去趋势的皮尔逊 r</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: with {DETREND} on, the r of the same series without detrending (the paper&apos;s r; made, as a temporary file if left empty, when {DETREND} is on).</source>
        <translation>GeoTIFF，16 个波段，标签与 {R} 相同：启用 {DETREND} 时，同一序列不去趋势的 r（论文中的 r；启用 {DETREND} 时生成，留空则写入临时文件）。</translation>
    </message>
    <message>
        <source>p-value not detrended</source>
        <translation>未去趋势的 p 值</translation>
    </message>
    <message>
        <source>GeoTIFF, 16 bands labelled as the {R}: the two-sided p-value of each r of the {R_NOT_DETRENDED}, by the same test as the {P} (made when {DETREND} is on).</source>
        <translation>GeoTIFF，16 个波段，标签与 {R} 相同：{R_NOT_DETRENDED} 中每个 r 的双侧 p 值，检验方法与 {P} 相同（启用 {DETREND} 时生成）。</translation>
    </message>
</context>
<context>
    <name>Docs</name>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Worked example</source>
        <translation>运行示例</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识符</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>可选值</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>With the example data of make demo (demo/data), from the Processing Toolbox, from the command line (scripts/qgis_process is the project&apos;s wrapper of qgis_process) or from the QGIS Python console:</source>
        <translation>使用 make demo 生成的示例数据（demo/data），可在处理工具箱、命令行（scripts/qgis_process 是本项目对 qgis_process 的封装）或 QGIS Python 控制台中运行：</translation>
    </message>
    <message>
        <source>Raster layer (GeoTIFF, EPSG:4326)</source>
        <translation>栅格图层（GeoTIFF，EPSG:4326）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>File or folder</source>
        <translation>文件或文件夹</translation>
    </message>
    <message>
        <source>Extent (xmin, xmax, ymin, ymax in degrees)</source>
        <translation>范围（xmin, xmax, ymin, ymax，单位为度）</translation>
    </message>
    <message>
        <source>GeoTIFF raster</source>
        <translation>GeoTIFF 栅格</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Authentication configuration</source>
        <translation>认证配置</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>GLDAS-Noah, FLDAS-Noah and MCD12C1 come from NASA (GES DISC, LP DAAC) and need a free Earthdata Login account (urs.earthdata.nasa.gov) in which you have approved the archive&apos;s application once: &apos;NASA GESDISC DATA ARCHIVE&apos; for GLDAS and FLDAS, &apos;LP DAAC Data Pool&apos; for MCD12C1 (Applications &gt; Authorized Apps). GOSIF GPP is anonymous.</source>
        <translation>GLDAS-Noah、FLDAS-Noah 和 MCD12C1 来自 NASA（GES DISC、LP DAAC），需要一个免费的 Earthdata Login 账户（urs.earthdata.nasa.gov），并在其中批准一次该数据存档的应用：GLDAS 和 FLDAS 为“NASA GESDISC DATA ARCHIVE”，MCD12C1 为“LP DAAC Data Pool”（Applications &gt; Authorized Apps）。GOSIF GPP 无需登录。</translation>
    </message>
    <message>
        <source>Credentials, in this order: {AUTH} (Settings &gt; Options &gt; Authentication: a Basic configuration with your Earthdata username and password, or an API Header configuration with the header Authorization = &apos;Bearer &lt;token&gt;&apos;); the environment variables EARTHDATA_TOKEN, or EARTHDATA_USERNAME and EARTHDATA_PASSWORD; the entry &apos;machine urs.earthdata.nasa.gov&apos; of ~/.netrc (what qgis_process on a cluster uses). They are never written to the log, the manifest or any file.</source>
        <translation>凭据按以下顺序查找：{AUTH}（设置 &gt; 选项 &gt; 认证：含 Earthdata 用户名和密码的 Basic 配置，或含请求头 Authorization = 'Bearer &lt;token&gt;' 的 API Header 配置）；环境变量 EARTHDATA_TOKEN，或 EARTHDATA_USERNAME 与 EARTHDATA_PASSWORD；~/.netrc 中的“machine urs.earthdata.nasa.gov”条目（集群上的 qgis_process 使用此方式）。凭据绝不会写入日志、清单或任何文件。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Files are listed with NASA&apos;s CMR (no login needed) and fetched one at a time (the archives limit parallel connections). A GLDAS-Noah period before 2000 comes from V2.0, from 2000 from V2.1, as in the paper, unless {VERSION} says otherwise.</source>
        <translation>文件列表通过 NASA 的 CMR 获取（无需登录），并逐个下载（数据存档限制并行连接数）。除非 {VERSION} 另有指定，GLDAS-Noah 2000 年以前的时段取自 V2.0，2000 年起取自 V2.1，与论文一致。</translation>
    </message>
    <message>
        <source>A token goes only to the archive&apos;s own data hosts, a password only to urs.earthdata.nasa.gov after it asks for it; any other host a redirect leads to (a signed cloud-storage address) gets no credential.</source>
        <translation>令牌只发送给数据存档自己的数据主机，密码只在 urs.earthdata.nasa.gov 要求时才发送给它；重定向指向的任何其他主机（带签名的云存储地址）都不会收到任何凭据。</translation>
    </message>
    <message>
        <source>Each file is written under a temporary name, checked (size, the archive&apos;s checksum, its first bytes as netCDF-4/HDF5, HDF4, gzip or GeoTIFF, a gzip stream in full) and only then renamed: a cancel, a lost connection or an error leaves complete files only. A second run does not fetch complete files again.</source>
        <translation>每个文件先以临时名称写入并经过检查（大小、数据存档给出的校验和、文件开头字节是否为 netCDF-4/HDF5、HDF4、gzip 或 GeoTIFF、完整的 gzip 数据流），然后才重命名：取消、连接中断或出错后只留下完整的文件。再次运行时不会重新下载已完整的文件。</translation>
    </message>
    <message>
        <source>A web page instead of data (the answer when the application is not approved), a rejected login (HTTP 401) and a refusal (HTTP 403) stop the run saying what to do. A busy server (HTTP 429, 503) is waited for as it asks (at most 5 minutes) and asked again; a transfer cut short or a wrong checksum is tried again, then that file is marked failed in the {OUTPUT} and the run goes on: run it again to fetch what failed.</source>
        <translation>收到网页而非数据（应用未获批准时的响应）、登录被拒绝（HTTP 401）或访问被拒绝（HTTP 403）时，运行停止并说明应如何处理。服务器繁忙（HTTP 429、503）时按其要求等待（最多 5 分钟）后重试；传输中断或校验和错误时会重试，仍失败则在 {OUTPUT} 中将该文件标记为失败并继续运行：再次运行即可下载失败的文件。</translation>
    </message>
    <message>
        <source>GOSIF starts in March 2000 (monthly) and on day 57 of 2000 (8-day); earlier periods are skipped with a note.</source>
        <translation>GOSIF 始于 2000 年 3 月（月数据）和 2000 年第 57 天（8 天数据）；更早的时段会被跳过并给出说明。</translation>
    </message>
    <message>
        <source>Cite what you use: GLDAS-Noah, Rodell et al. (2004), doi:10.1175/BAMS-85-3-381; FLDAS, McNally et al. (2017), doi:10.1038/sdata.2017.12; MCD12C1, Friedl and Sulla-Menashe (2022), doi:10.5067/MODIS/MCD12C1.061; GOSIF GPP, Li and Xiao (2019), doi:10.3390/rs11212563.</source>
        <translation>请引用所用数据：GLDAS-Noah，Rodell 等（2004），doi:10.1175/BAMS-85-3-381；FLDAS，McNally 等（2017），doi:10.1038/sdata.2017.12；MCD12C1，Friedl 和 Sulla-Menashe（2022），doi:10.5067/MODIS/MCD12C1.061；GOSIF GPP，Li 和 Xiao（2019），doi:10.3390/rs11212563。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>GLDAS-Noah monthly 1.0 degree</source>
        <translation>GLDAS-Noah 月数据 1.0 度</translation>
    </message>
    <message>
        <source>GLDAS-Noah monthly 0.25 degree</source>
        <translation>GLDAS-Noah 月数据 0.25 度</translation>
    </message>
    <message>
        <source>FLDAS-Noah global monthly</source>
        <translation>FLDAS-Noah 全球月数据</translation>
    </message>
    <message>
        <source>MODIS MCD12C1 v061 (one file per year)</source>
        <translation>MODIS MCD12C1 v061（每年一个文件）</translation>
    </message>
    <message>
        <source>GOSIF GPP monthly</source>
        <translation>GOSIF GPP 月数据</translation>
    </message>
    <message>
        <source>GOSIF GPP 8-day</source>
        <translation>GOSIF GPP 8 天数据</translation>
    </message>
    <message>
        <source>What to download.</source>
        <translation>要下载的内容。</translation>
    </message>
    <message>
        <source>Start year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <source>First year (from January).</source>
        <translation>第一年（从 1 月起）。</translation>
    </message>
    <message>
        <source>End year</source>
        <translation>结束年份</translation>
    </message>
    <message>
        <source>Last year (to December).</source>
        <translation>最后一年（至 12 月止）。</translation>
    </message>
    <message>
        <source>Earthdata Login</source>
        <translation>Earthdata Login 登录</translation>
    </message>
    <message>
        <source>A QGIS authentication configuration: Basic (Earthdata username and password) or API Header (Authorization: Bearer and your Earthdata token). Empty: the environment variables or ~/.netrc.</source>
        <translation>QGIS 认证配置：Basic（Earthdata 用户名和密码）或 API Header（Authorization: Bearer 加上您的 Earthdata 令牌）。留空：使用环境变量或 ~/.netrc。</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>Where the files go, under their archive names; made if missing. Files already there and complete are kept.</source>
        <translation>文件保存位置，保留其存档文件名；文件夹不存在时会创建。已存在且完整的文件会保留。</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message>
        <source>CSV: file, url, bytes, checksum (algorithm:value), status (downloaded, present, skipped: why, failed: why).</source>
        <translation>CSV：file（文件）、url（地址）、bytes（字节数）、checksum（算法:值）、status（downloaded 已下载、present 已存在、skipped: 原因、failed: 原因）。</translation>
    </message>
    <message>
        <source>GLDAS-Noah version</source>
        <translation>GLDAS-Noah 版本</translation>
    </message>
    <message>
        <source>V2.0 before 2000, V2.1 from 2000 (the paper)</source>
        <translation>2000 年以前用 V2.0，2000 年起用 V2.1（论文做法）</translation>
    </message>
    <message>
        <source>V2.0 only</source>
        <translation>仅 V2.0</translation>
    </message>
    <message>
        <source>V2.1 only</source>
        <translation>仅 V2.1</translation>
    </message>
    <message>
        <source>CMR address</source>
        <translation>CMR 地址</translation>
    </message>
    <message>
        <source>GOSIF address</source>
        <translation>GOSIF 地址</translation>
    </message>
    <message>
        <source>Which GLDAS-Noah version to take (GLDAS products only): V2.0 covers 1948-2014, V2.1 2000 to today.</source>
        <translation>使用哪个 GLDAS-Noah 版本（仅限 GLDAS 产品）：V2.0 覆盖 1948-2014 年，V2.1 覆盖 2000 年至今。</translation>
    </message>
    <message>
        <source>NASA&apos;s Common Metadata Repository; change it only for a mirror or a test.</source>
        <translation>NASA 的通用元数据库（CMR）；仅在使用镜像或测试时修改。</translation>
    </message>
    <message>
        <source>The base address of GOSIF GPP v2 (with the folders Monthly and 8day); change it only for a mirror or a test.</source>
        <translation>GOSIF GPP v2 的根地址（包含 Monthly 和 8day 文件夹）；仅在使用镜像或测试时修改。</translation>
    </message>
    <message>
        <source>AUTH %s: QGIS cannot read this authentication configuration (does it exist, and is the master password set?)</source>
        <translation>AUTH %s：QGIS 无法读取此认证配置（它是否存在？主密码是否已设置？）</translation>
    </message>
    <message>
        <source>AUTH %s (%s): holds neither a username and password (Basic) nor an Authorization header &apos;Bearer &lt;token&gt;&apos; (API Header)</source>
        <translation>AUTH %s（%s）：既不含用户名和密码（Basic），也不含 Authorization 请求头 'Bearer &lt;token&gt;'（API Header）</translation>
    </message>
    <message>
        <source>%d files failed (see the manifest); run again to fetch them</source>
        <translation>%d 个文件下载失败（见清单）；再次运行即可重新下载</translation>
    </message>
    <message>
        <source>The network is QGIS&apos;s own: its proxy (Settings &gt; Options &gt; Network), SSL settings and timeout apply. Files are streamed to disk, a few MB held at a time; QGIS&apos;s blocking request class is not used, as it holds a whole reply in memory (an MCD12C1 file is 1.2 GB) and sends an authentication configuration to every host a redirect leads to.</source>
        <translation>网络使用 QGIS 自身的网络栈：其代理（设置 &gt; 选项 &gt; 网络）、SSL 设置和超时均适用。文件以流方式写入磁盘，每次只在内存中保留几 MB；未使用 QGIS 的阻塞式请求类，因为它会把整个响应保存在内存中（一个 MCD12C1 文件为 1.2 GB），并把认证配置发送给重定向指向的每一台主机。</translation>
    </message>
    <message>
        <source>Download input data</source>
        <translation>下载输入数据</translation>
    </message>
    <message>
        <source>Downloads the files of one product for {START_YEAR} to {END_YEAR} into the {OUTPUT_FOLDER}, under their archive names, so that the next step reads the folder as it is: GLDAS-Noah into &apos;Import GLDAS-Noah&apos; (tsmv:importgldas), FLDAS-Noah into &apos;Import layered soil moisture&apos; (tsmv:importsoilmoisture), MCD12C1 into tsmv:landcover, GOSIF into tsmv:gpp. The {OUTPUT} lists every file with its address, size, checksum and status (downloaded, present, skipped, failed).</source>
        <translation>将一种产品从 {START_YEAR} 到 {END_YEAR} 的文件下载到 {OUTPUT_FOLDER}，保留其在数据存档中的文件名，下一步可直接读取该文件夹：GLDAS-Noah 用“导入 GLDAS-Noah”（tsmv:importgldas），FLDAS-Noah 用“导入分层土壤水分”（tsmv:importsoilmoisture），MCD12C1 用 tsmv:landcover，GOSIF 用 tsmv:gpp。{OUTPUT} 列出每个文件的地址、大小、校验和与状态（已下载、已存在、已跳过、失败）。</translation>
    </message>
</context>
<context>
    <name>Gpp</name>
    <message>
        <source>Makes a monthly stack (bands YYYY-MM) of mean daily gross primary productivity (g C m-2 d-1) on the grid of the {REFERENCE} from a folder of GOSIF GPP v2 files: 8-day GOSIF_GPP_2000057_Mean.tif (scale 0.001, g C m-2 d-1) or monthly GOSIF_GPP_2019.M01_Mean.tif (scale 0.01, g C m-2 per month), either gzipped (.tif.gz, read through /vsigzip/), global at 0.05 degrees or crops of that grid.</source>
        <translation>由 GOSIF GPP v2 文件夹生成日均总初级生产力 (GPP) 的月数据栈（g C m-2 d-1，波段 YYYY-MM），网格与{REFERENCE} 相同。输入文件可为 8 天合成的 GOSIF_GPP_2000057_Mean.tif（比例因子 0.001，g C m-2 d-1）或月度的 GOSIF_GPP_2019.M01_Mean.tif（比例因子 0.01，g C m-2/月），两者均可为 gzip 压缩文件（.tif.gz，通过 /vsigzip/ 读取），可以是 0.05° 全球数据，也可以是该网格的裁剪。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Monthly files are divided by the days of their month.</source>
        <translation>月度文件的值除以当月天数（换算为日均值）。</translation>
    </message>
    <message>
        <source>A GOSIF name with impossible numbers is refused, not skipped: month 00 or 13, day of year 000, 366 of a common year or 367 and more, and an 8-day day that does not start a composite (001, 009, ..., 361), so that no day is weighted twice. Two files for the same period (e.g. .tif and .tif.gz) are refused too.</source>
        <translation>文件名中含不可能数字的 GOSIF 文件将被拒绝（而不是跳过）：月份 00 或 13；年积日 000、平年的 366 或 367 及以上；以及不是 8 天合成起始日（001、009、...、361）的日序；以免同一天被重复加权。同一时段有两个文件（如 .tif 与 .tif.gz）时同样被拒绝。</translation>
    </message>
    <message>
        <source>An 8-day composite covers its first day and the seven after it (the last of a year ends on 31 December) and counts in each calendar month for the days it has there: a month&apos;s value at a 0.05 degree cell is the day-weighted mean of the composites valid there.</source>
        <translation>一个 8 天合成覆盖其起始日及之后 7 天（每年最后一个合成截至 12 月 31 日），并按其落在各日历月内的天数计入该月：某 0.05° 网格单元的月值为该单元上各有效合成值按天数加权的平均值。</translation>
    </message>
    <message>
        <source>A reference cell is the mean of its valid 0.05 degree cells, NaN where fewer of them are valid than the {MIN_VALID} (a fraction).</source>
        <translation>参考网格单元的值为其中有效 0.05° 网格单元的均值；有效单元所占比例低于{MIN_VALID} 时为 NaN。</translation>
    </message>
    <message>
        <source>A month of the period (January of the {START_YEAR}, or the first month of the files, to December of the {END_YEAR}, or the last month) that no file covers is NaN, with a warning. A folder with both 8-day and monthly files for a month is refused.</source>
        <translation>时段内（{START_YEAR} 的 1 月或文件中的第一个月，至{END_YEAR} 的 12 月或文件中的最后一个月）没有文件覆盖的月份为 NaN，并给出警告。文件夹中同一月份同时存在 8 天与月度文件时将被拒绝。</translation>
    </message>
    <message>
        <source>Files are read one at a time: memory does not grow with their number.</source>
        <translation>文件逐个读取：内存占用不随文件数量增加。</translation>
    </message>
    <message>
        <source>GOSIF GPP folder</source>
        <translation>GOSIF GPP 文件夹</translation>
    </message>
    <message>
        <source>Folder searched recursively for GOSIF_GPP_*_Mean.tif[.gz] files.</source>
        <translation>递归搜索 GOSIF_GPP_*_Mean.tif[.gz] 文件的文件夹。</translation>
    </message>
    <message>
        <source>A raster on the target grid, e.g. a soil-moisture stack; each of its cells must hold whole 0.05 degree cells.</source>
        <translation>目标网格上的栅格，如某个土壤水分数据栈；其每个网格单元必须恰好包含整数个 0.05° 网格单元。</translation>
    </message>
    <message>
        <source>First year (from January). Empty: the first month of the files.</source>
        <translation>起始年份（从 1 月起）。留空：从文件中的第一个月开始。</translation>
    </message>
    <message>
        <source>Last year (to December). Empty: the last month of the files.</source>
        <translation>结束年份（至 12 月止）。留空：到文件中的最后一个月为止。</translation>
    </message>
    <message>
        <source>Minimum valid fraction</source>
        <translation>最小有效比例</translation>
    </message>
    <message>
        <source>Monthly GPP</source>
        <translation>月 GPP</translation>
    </message>
    <message>
        <source>GeoTIFF on the reference grid, g C m-2 d-1, one band per month labelled YYYY-MM: the mean daily GPP of the month.</source>
        <translation>参考网格上的 GeoTIFF，g C m-2 d-1，每月一个波段，标签为 YYYY-MM：当月的日均 GPP。</translation>
    </message>
    <message>
        <source>GPP for %d months, %s (mean daily GPP, g C m-2 d-1)</source>
        <translation>共 %d 个月的 GPP，%s（日均 GPP，g C m-2 d-1）</translation>
    </message>
    <message>
        <source>Integer files (the product as published) are scaled by the product&apos;s factor, 0.001 (8-day) or 0.01 (monthly); 65535 (water), 65534 (snow/ice all year) and the file&apos;s declared nodata are dropped. An integer file that declares another scale or offset is refused.</source>
        <translation>整数文件（即产品发布的形式）按产品的系数缩放：0.001（8 天）或 0.01（月）；65535（水体）、65534（全年冰雪）和文件声明的无数据值被剔除。声明了其他缩放系数或偏移量的整数文件将被拒绝。</translation>
    </message>
    <message>
        <source>Floating-point files (e.g. a crop saved as Float32) are taken as they are, in g C m-2 d-1 (8-day) or g C m-2 per month (monthly), after the file&apos;s own scale and offset if it declares them, never the integer product&apos;s factor; NaN and the declared nodata are dropped. Complex values are refused.</source>
        <translation>浮点文件（例如另存为 Float32 的裁剪）按原值读取，单位为 g C m-2 d-1（8 天）或 g C m-2 每月（月），如文件声明了缩放系数和偏移量则先应用之，绝不使用整数产品的系数；NaN 和声明的无数据值被剔除。复数值将被拒绝。</translation>
    </message>
    <message>
        <source>Every read is checked: a file cut short, or a .tif.gz whose stream ends early or fails its checksum, is refused, naming the file; nothing of another file can fill its month. Sub-folders that are symbolic links are searched (each real folder once); a named pipe, device or socket named like a GOSIF file is refused before anything reads it.</source>
        <translation>每次读取都经过检查：被截断的文件，或数据流提前结束、校验和不符的 .tif.gz，将被拒绝并给出文件名；其他文件的数据不会填入该月。作为符号链接的子文件夹也会被搜索（每个真实文件夹只搜索一次）；以 GOSIF 文件命名的命名管道、设备或套接字在读取前即被拒绝。</translation>
    </message>
    <message>
        <source>Fraction of a reference cell&apos;s 0.05 degree cells that must be valid; otherwise the cell is NaN.</source>
        <translation>参考像元中必须有效的 0.05 度像元所占比例；否则该像元为 NaN。</translation>
    </message>
    <message>
        <source>2 Aggregate GOSIF GPP</source>
        <translation>2 聚合 GOSIF GPP</translation>
    </message>
    <message>
        <source>Reference grid (any soil-moisture stack)</source>
        <translation>参考网格（任一土壤水分数据栈）</translation>
    </message>
</context>
<context>
    <name>ImportGldas</name>
    <message>
        <source>Reads GLDAS-Noah Land Surface Model L4 files (V2.0 1948-2014 and V2.1 2000-, at 1.0 or 0.25 degrees; monthly GLDAS_NOAH10_M / GLDAS_NOAH025_M, subsets ending .SUB.nc4, or 3-hourly GLDAS_NOAH025_3H) and writes one monthly stack per soil layer (0-10, 10-40, 40-100, 100-200 cm), in kg m-2, bands labelled YYYY-MM.</source>
        <translation>读取 GLDAS-Noah 陆面模式 L4 文件（V2.0：1948-2014 年，V2.1：2000 年至今；分辨率 1.0° 或 0.25°；月尺度 GLDAS_NOAH10_M / GLDAS_NOAH025_M、以 .SUB.nc4 结尾的子集，或 3 小时尺度 GLDAS_NOAH025_3H），为每个土层（0-10、10-40、40-100、100-200 cm）各写出一个月数据栈，单位 kg m-2，波段标签为 YYYY-MM。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>The month of a file comes from its name, or from time:begin_date for a renamed file; a file whose name and begin_date disagree is refused.</source>
        <translation>文件的月份取自文件名；对于改过名的文件，则取自 time:begin_date 属性；文件名与 begin_date 不一致的文件将被拒绝。</translation>
    </message>
    <message>
        <source>Where V2.0 and V2.1 overlap (2000-2014) the newer version is used, unless {VERSION_PRIORITY} is set to &apos;Use the older version (V2.0)&apos;.</source>
        <translation>V2.0 与 V2.1 重叠的年份（2000-2014）默认使用较新版本，除非将{VERSION_PRIORITY} 设为“使用较旧版本 (V2.0)”。</translation>
    </message>
    <message>
        <source>3-hourly files are averaged cell by cell into the calendar month; a month with fewer than all of its 3-hourly files is averaged from those present and a warning says so.</source>
        <translation>3 小时文件逐网格单元平均为日历月值；某月的 3 小时文件不全时，由现有文件求平均，并给出警告。</translation>
    </message>
    <message>
        <source>The fill value (-9999 kg m-2 in GLDAS files, read from their _FillValue and missing_value attributes) becomes NaN. The grid has no CRS in the files; outputs are EPSG:4326, north-up GeoTIFFs (float32, NaN nodata) with a style beside them.</source>
        <translation>填充值（GLDAS 文件中为 -9999 kg m-2，从其 _FillValue 和 missing_value 属性读取）转换为 NaN。文件中的网格没有坐标参考系 (CRS)；输出为 EPSG:4326、北向朝上的 GeoTIFF（float32，无数据值为 NaN），并在同一位置附带样式文件。</translation>
    </message>
    <message>
        <source>Files are read with the Python package netCDF4 where QGIS&apos;s Python has it, otherwise with GDAL&apos;s netCDF driver (QGIS&apos;s Windows and macOS installers); the numbers are the same.</source>
        <translation>若 QGIS 的 Python 环境中有 netCDF4 包，则用它读取文件，否则使用 GDAL 的 netCDF 驱动（QGIS 的 Windows 和 macOS 安装包即属此类）；两种方式读出的数值相同。</translation>
    </message>
    <message>
        <source>Soil variables are read by dimension name, (time, lat, lon) in any order; latitude may run north to south or south to north. A file with more than one time step, longitudes running east to west, other dimensions, or a folder mixing monthly and 3-hourly files is refused, naming the file.</source>
        <translation>土壤变量按维度名 (time, lat, lon) 读取，维度顺序不限；纬度可由北向南或由南向北排列。含多个时间步、经度由东向西排列或含其他维度的文件，以及混有月度与 3 小时文件的文件夹，将被拒绝，并指出相应文件。</translation>
    </message>
    <message>
        <source>Refused, naming the file: an empty folder (or one without GLDAS-Noah files), a month missing from January of the {START_YEAR} to December of the {END_YEAR} (or from the first to the last month found), two files for one month of one version, files on different grids, an unreadable file, a file without the soil variables. Nothing is written unless every month imports. Files are read one at a time, so memory does not grow with the number of files.</source>
        <translation>以下情况将被拒绝，并指出相应文件：文件夹为空（或不含 GLDAS-Noah 文件）；{START_YEAR} 的 1 月至{END_YEAR} 的 12 月（或找到的第一个月至最后一个月）之间缺少某月；同一版本的同一月份有两个文件；文件位于不同网格上；文件无法读取；文件不含土壤变量。只有全部月份均导入成功才会写出结果。文件逐个读取，因此内存占用不随文件数量增加。</translation>
    </message>
    <message>
        <source>GLDAS-Noah folder (or one file)</source>
        <translation>GLDAS-Noah 文件夹（或单个文件）</translation>
    </message>
    <message>
        <source>A folder searched recursively for GLDAS-Noah .nc4 files, or the path of one file.</source>
        <translation>递归搜索 GLDAS-Noah .nc4 文件的文件夹，或单个文件的路径。</translation>
    </message>
    <message>
        <source>First year to import (from January). Empty: the first month found.</source>
        <translation>导入的起始年份（从 1 月起）。留空：从找到的第一个月开始。</translation>
    </message>
    <message>
        <source>Last year to import (to December). Empty: the last month found.</source>
        <translation>导入的结束年份（至 12 月止）。留空：到找到的最后一个月为止。</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Region to keep; every GLDAS cell that overlaps it is kept. Empty: the whole grid.</source>
        <translation>要保留的区域；与其相交的所有 GLDAS 网格单元均被保留。留空：整个网格。</translation>
    </message>
    <message>
        <source>Where versions overlap</source>
        <translation>版本重叠时</translation>
    </message>
    <message>
        <source>Use the newer version (V2.1)</source>
        <translation>使用较新版本 (V2.1)</translation>
    </message>
    <message>
        <source>Use the older version (V2.0)</source>
        <translation>使用较旧版本 (V2.0)</translation>
    </message>
    <message>
        <source>Which GLDAS version to take for months that both V2.0 and V2.1 cover (2000-2014).</source>
        <translation>对 V2.0 与 V2.1 均覆盖的月份（2000-2014 年）采用哪个 GLDAS 版本。</translation>
    </message>
    <message>
        <source>Soil moisture %s cm (monthly)</source>
        <translation>%s cm 月土壤水分</translation>
    </message>
    <message>
        <source>GeoTIFF, one band per month labelled YYYY-MM: the GLDAS variable %s, the soil moisture of the %s cm layer in kg m-2.</source>
        <translation>GeoTIFF，每月一个波段，标签为 YYYY-MM：GLDAS 变量 %s，即 %s cm 土层的土壤水分，单位 kg m-2。</translation>
    </message>
    <message>
        <source>Imported 1 month (%s..%s) from 1 file on %s</source>
        <translation>已导入 1 个月（%s..%s），来自 1 个文件，网格：%s</translation>
    </message>
    <message>
        <source>Imported 1 month (%s..%s) from %d files on %s</source>
        <translation>已导入 1 个月（%s..%s），来自 %d 个文件，网格：%s</translation>
    </message>
    <message>
        <source>Imported %d months (%s..%s) from %d files on %s</source>
        <translation>已导入 %d 个月（%s..%s），来自 %d 个文件，网格：%s</translation>
    </message>
    <message>
        <source>Remove non-physical values while importing</source>
        <translation>导入时剔除非物理值</translation>
    </message>
    <message>
        <source>Quality report</source>
        <translation>质量报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>With {QUALITY_CONTROL}: CSV, one row per layer: layer, values, masked, percent_masked, below_zero, above_max, max_allowed_kg_m2 (the maximum used, kg m-2).</source>
        <translation>启用 {QUALITY_CONTROL} 时：CSV，每个土层一行：layer、values、masked、percent_masked、below_zero、above_max、max_allowed_kg_m2（所用最大值，kg m-2）。</translation>
    </message>
    <message>
        <source>REPORT is the report of the quality control: set QUALITY_CONTROL too, or leave REPORT empty</source>
        <translation>REPORT 是质量控制的报告：请同时设置 QUALITY_CONTROL，或将 REPORT 留空</translation>
    </message>
    <message>
        <source>Classify wetness seasons while importing</source>
        <translation>导入时划分干湿季节</translation>
    </message>
    <message>
        <source>Also write the outputs of &apos;Classify wetness seasons&apos; (below) from the monthly stacks of this run, in the same pass.</source>
        <translation>在同一遍处理中，根据本次运行的月度数据栈同时写出“划分干湿季节”的输出（见下）。</translation>
    </message>
    <message>
        <source>%s is an output of the seasons: set SEASONS too, or leave %s empty</source>
        <translation>%s 是季节划分的输出：请同时设置 SEASONS，或将 %s 留空</translation>
    </message>
    <message>
        <source>The {EXTENT} keeps every cell that overlaps it. An extent in another CRS is transformed to EPSG:4326 (edge by edge) and checked there. An extent that crosses the antimeridian (170,-170,... or 170,190,... degrees, or the same in any CRS) is refused: import each side as its own run. An extent without area is refused.</source>
        <translation>{EXTENT}保留与其重叠的每个像元。其他坐标参考系中的范围会（逐边）转换到 EPSG:4326 并在其中检查。跨越反子午线的范围（170,-170,... 或 170,190,... 度，或任何坐标参考系中的同样情形）将被拒绝：请将两侧分别导入。没有面积的范围将被拒绝。</translation>
    </message>
    <message>
        <source>Sub-folders that are symbolic links are searched (each real folder once, so a link back to a parent does not loop). Only regular files are opened: a named pipe, device or socket with a GLDAS or .nc4 name is refused before anything reads it. A name with an impossible month (00, 13) or day is refused.</source>
        <translation>作为符号链接的子文件夹也会被搜索（每个真实文件夹只搜索一次，因此指回上级的链接不会造成循环）。只打开普通文件：带有 GLDAS 或 .nc4 名称的命名管道、设备或套接字在读取前即被拒绝。名称中月份（00、13）或日期不可能的文件将被拒绝。</translation>
    </message>
    <message>
        <source>%s layers %s, converted from %s to kg m-2</source>
        <translation>%s 土层 %s，已从 %s 换算为 kg m-2</translation>
    </message>
    <message>
        <source>%s layers %s</source>
        <translation>%s 土层 %s</translation>
    </message>
    <message>
        <source>With {SEASONS} the wetness seasons are classified in the same pass, as &apos;Classify wetness seasons&apos; does with the monthly stacks written here (quality-controlled when {QUALITY_CONTROL} is on) and the same {RANK_BY}: the files are those the steps give one after another, and the monthly stacks are not read again (on a grid of more than about 1.4 million cells, such as ERA5-Land&apos;s 0.1 degree globe, a year of them would not fit in a pass&apos;s memory: the seasons then read them back tile by tile, in the same run, giving the same files). The seasons need all four layers; years without all 12 months imported are left out (the log lists them). Season outputs left empty are written as temporary files (a model passes them on to the next step); set those you want to keep. The models do this. Off by default.</source>
        <translation>启用 {SEASONS} 时，在同一遍处理中划分干湿季节，与“划分干湿季节”对此处写出的月度数据栈（{QUALITY_CONTROL} 开启时为经质量控制的数据）及相同的 {RANK_BY} 所做的一致：所得文件与依次运行各步骤所得的相同，且月度数据栈不再被重新读取（在超过约 140 万个像元的网格上，例如 ERA5-Land 的 0.1 度全球网格，一年的数据无法放入一遍处理的内存：此时季节划分会在同一次运行中逐块读回这些数据栈，所得文件相同）。季节划分需要全部四层；导入的月份不足 12 个月的年份将被排除（日志中列出）。留空的季节输出写为临时文件（模型会将其传给下一步）；请设置您要保留的输出。模型即如此使用。默认关闭。</translation>
    </message>
    <message>
        <source>Units are checked: a soil variable must be in kg m-2, as GLDAS writes it (one without units is taken as kg m-2); a GLDAS variable in other units is refused, naming the file and the variable. Files of FLDAS-Noah or ERA5-Land (volume fractions, m3 m-3) are refused here, naming the file: &apos;Import layered soil moisture&apos; reads them and converts them by layer thickness. Packed variables are unpacked with their scale_factor and add_offset, after the fill values are compared in the variable&apos;s own type.</source>
        <translation>单位会被检查：土壤变量必须为 kg m-2，与 GLDAS 的写法一致（无单位者视为 kg m-2）；单位不同的 GLDAS 变量将被拒绝，并给出文件名和变量名。FLDAS-Noah 或 ERA5-Land 的文件（体积含水量，m3 m-3）在此被拒绝并给出文件名：请使用“导入分层土壤水分”，它会读取这些文件并按土层厚度换算。打包变量先按变量自身的类型比较填充值，再用其 scale_factor 和 add_offset 解包。</translation>
    </message>
    <message>
        <source>1 Import GLDAS-Noah</source>
        <translation>1 导入 GLDAS-Noah</translation>
    </message>
    <message>
        <source>With {QUALITY_CONTROL} the outputs are quality-controlled as &apos;Remove non-physical values&apos; does (values below 0 or above {MAX_0_10} ... {MAX_100_200} become NaN) and its {REPORT} is written, in the same pass: the files are those the two steps give, and one generation of monthly stacks is neither written nor read again. The models do this. Off by default, so that the outputs are the files as distributed.</source>
        <translation>启用 {QUALITY_CONTROL} 时，输出按“剔除非物理值”的方式进行质量控制（低于 0 或高于 {MAX_0_10} … {MAX_100_200} 的值设为 NaN），并在同一遍处理中写出其 {REPORT}：所得文件与分两步运行完全相同，且少写、少读一整代逐月数据栈。模型即如此运行。默认关闭，使输出保持数据发布时的原样。</translation>
    </message>
    <message>
        <source>Mask values below 0 or above the layer&apos;s maximum (below) as &apos;Remove non-physical values&apos; does, in the same pass.</source>
        <translation>在同一遍处理中，按“剔除非物理值”的方式，将低于 0 或高于该土层最大值（见下）的值掩膜。</translation>
    </message>
</context>
<context>
    <name>ImportSoilMoisture</name>
    <message>
        <source>layer 1 (top)</source>
        <translation>第 1 层（顶层）</translation>
    </message>
    <message>
        <source>layer 2</source>
        <translation>第 2 层</translation>
    </message>
    <message>
        <source>layer 3</source>
        <translation>第 3 层</translation>
    </message>
    <message>
        <source>layer 4 (bottom)</source>
        <translation>第 4 层（底层）</translation>
    </message>
    <message>
        <source>%s: variables %s in %s; layers %s; quality-control maxima %s kg m-2.</source>
        <translation>%s：变量 %s，单位 %s；土层 %s；质量控制上限 %s kg m-2。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>{PRODUCT} &apos;Detect from the files&apos; (the default) recognises each file by its name (GLDAS_NOAH10_M.A200001.021.nc4, FLDAS_NOAH01_C_GL_M.A200001.001.nc) or, for any other .nc or .nc4 file, by its soil variables: ERA5-Land files from the Climate Data Store carry no product in their names (data_0.nc, adaptor.mars.internal-....nc). Files of two products are refused, naming one of each.</source>
        <translation>{PRODUCT}'从文件识别'（默认）按文件名（GLDAS_NOAH10_M.A200001.021.nc4、FLDAS_NOAH01_C_GL_M.A200001.001.nc）识别每个文件；其他 .nc 或 .nc4 文件则按其土壤变量识别：气候数据存储（CDS）下载的 ERA5-Land 文件名中不含产品名（data_0.nc、adaptor.mars.internal-....nc）。两种产品的文件混在一起将被拒绝，并各给出一个文件名。</translation>
    </message>
    <message>
        <source>Volume fractions (m3 m-3: FLDAS-Noah, ERA5-Land) become storage: kg m-2 = m3 m-3 x 1000 kg m-3 x the layer&apos;s thickness in m (0.07, 0.21, 0.72 and 1.89 m for ERA5-Land). A variable in units the product does not write is refused; one without units is taken in the product&apos;s units.</source>
        <translation>体积含水量（m3 m-3：FLDAS-Noah、ERA5-Land）换算为储量：kg m-2 = m3 m-3 × 1000 kg m-3 × 土层厚度（m）（ERA5-Land 为 0.07、0.21、0.72 和 1.89 m）。单位不是该产品所写单位的变量将被拒绝；无单位的变量按该产品的单位处理。</translation>
    </message>
    <message>
        <source>ERA5-Land files hold many months: each is read by its time axis (valid_time or time), whose steps must be the first of a month at 00:00 (monthly means); a month in two files, or twice in one, is refused. Latitude runs north to south and longitude 0..360 in these files: the outputs are north-up on -180..180. An expver axis (ERA5 and the preliminary ERA5T) is merged: each cell takes ERA5 where it has a value, else ERA5T. Packed values (int16 with scale_factor and add_offset) are unpacked after the fill value is compared in the variable&apos;s own type. ERA5-Land&apos;s grid has rows centred on the poles: the outputs keep them (their edges lie 0.05 degrees beyond the poles).</source>
        <translation>ERA5-Land 文件包含多个月：每个月按其时间轴（valid_time 或 time）读取，时间步必须是某月 1 日 00:00（月平均）；某月出现在两个文件中或在一个文件中出现两次将被拒绝。这些文件中纬度自北向南、经度为 0..360：输出为北向上、经度 -180..180。expver 轴（ERA5 与初步版本 ERA5T）会被合并：每个像元在 ERA5 有值处取 ERA5，否则取 ERA5T。打包值（带 scale_factor 和 add_offset 的 int16）先按变量自身类型比较填充值，再解包。ERA5-Land 的网格有以两极为中心的行：输出保留这些行（其边缘超出两极 0.05 度）。</translation>
    </message>
    <message>
        <source>Where GLDAS V2.0 and V2.1 overlap the newer is used, unless {VERSION_PRIORITY} says otherwise; the other products have one version.</source>
        <translation>GLDAS V2.0 与 V2.1 重叠时使用较新版本，除非{VERSION_PRIORITY}另有设置；其他产品只有一个版本。</translation>
    </message>
    <message>
        <source>The {EXTENT} keeps every cell that overlaps it; one that crosses the antimeridian is refused.</source>
        <translation>{EXTENT}保留与其重叠的每个像元；跨越反子午线的范围将被拒绝。</translation>
    </message>
    <message>
        <source>Refused, naming the file: files of two products, a file of another product than {PRODUCT}, a missing layer variable, units the product does not write, a month missing from the span or given twice, files on different grids, an unreadable file. Nothing is written unless every month imports; files are read a month at a time, so memory does not grow with the number of months.</source>
        <translation>以下情况将被拒绝并给出文件名：两种产品的文件、与{PRODUCT}不同的产品文件、缺少某个土层变量、单位不是该产品所写的单位、时段内缺少某月或某月出现两次、文件网格不同、文件无法读取。只有每个月都导入成功才会写出结果；文件按月逐个读取，因此内存不随月数增长。</translation>
    </message>
    <message>
        <source>Soil-moisture folder (or one file)</source>
        <translation>土壤水分文件夹（或单个文件）</translation>
    </message>
    <message>
        <source>A folder searched recursively for netCDF files of one product (.nc, .nc4), or the path of one file.</source>
        <translation>递归搜索某一产品 netCDF 文件（.nc、.nc4）的文件夹，或单个文件的路径。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Detect from the files</source>
        <translation>从文件识别</translation>
    </message>
    <message>
        <source>Which product the files are; files of another product are refused.</source>
        <translation>这些文件属于哪个产品；其他产品的文件将被拒绝。</translation>
    </message>
    <message>
        <source>First year to import (from January). Empty: the first month found.</source>
        <translation>导入的起始年份（从 1 月起）。留空：从找到的第一个月开始。</translation>
    </message>
    <message>
        <source>Last year to import (to December). Empty: the last month found.</source>
        <translation>导入的结束年份（至 12 月止）。留空：到找到的最后一个月为止。</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Region to keep; every cell that overlaps it is kept. Empty: the whole grid.</source>
        <translation>要保留的区域；与其重叠的每个像元都会保留。留空：整个网格。</translation>
    </message>
    <message>
        <source>Where GLDAS versions overlap</source>
        <translation>GLDAS 版本重叠时</translation>
    </message>
    <message>
        <source>Use the newer version (V2.1)</source>
        <translation>使用较新版本 (V2.1)</translation>
    </message>
    <message>
        <source>Use the older version (V2.0)</source>
        <translation>使用较旧版本 (V2.0)</translation>
    </message>
    <message>
        <source>GLDAS-Noah only: which version to take for months that both V2.0 and V2.1 cover (2000-2014).</source>
        <translation>仅适用于 GLDAS-Noah：对 V2.0 和 V2.1 都覆盖的月份（2000-2014）采用哪个版本。</translation>
    </message>
    <message>
        <source>Soil moisture, %s (monthly)</source>
        <translation>土壤水分，%s（月）</translation>
    </message>
    <message>
        <source>GeoTIFF, one band per month labelled YYYY-MM: the soil moisture of the product&apos;s %s in kg m-2 (its depths are in the file&apos;s metadata and the log).</source>
        <translation>GeoTIFF，每月一个波段，标签为 YYYY-MM：产品%s的土壤水分，单位 kg m-2（其深度见文件元数据和日志）。</translation>
    </message>
    <message>
        <source>The layers keep the product&apos;s depths: bands, tables, the report and the legends say 0-7 cm for ERA5-Land&apos;s top layer. Outputs are named by position: {OUTPUT_1} is the top layer, which the next steps take as their 0-10 cm input whatever its depth; every stack records its product and layer, and the next steps refuse layers that are not one product&apos;s four layers in order.</source>
        <translation>土层保留产品自身的深度：波段、表格、报告和图例对 ERA5-Land 的顶层写作 0-7 cm。输出按位置命名：{OUTPUT_1} 为顶层，后续步骤将其作为 0-10 cm 输入，无论其深度如何；每个栈都记录其产品和土层，后续步骤会拒绝不是同一产品按顺序排列的四个土层的输入。</translation>
    </message>
    <message>
        <source>GLDAS-Noah</source>
        <translation>GLDAS-Noah（全球陆面数据同化系统）</translation>
    </message>
    <message>
        <source>FLDAS-Noah</source>
        <translation>FLDAS-Noah（饥荒预警系统陆面数据同化）</translation>
    </message>
    <message>
        <source>ERA5-Land</source>
        <translation>ERA5-Land（ECMWF 陆面再分析）</translation>
    </message>
    <message>
        <source>2 Import layered soil moisture</source>
        <translation>2 导入分层土壤水分</translation>
    </message>
    <message>
        <source>Reads the monthly soil moisture of a layered land-surface product and writes one monthly stack per soil layer, top to bottom, in kg m-2, bands labelled YYYY-MM: the outputs of &apos;Import GLDAS-Noah&apos; for any of these products:</source>
        <translation>读取分层陆面产品的月土壤水分，按土层自上而下每层写出一个月度栈，单位 kg m-2，波段标签为 YYYY-MM：即“导入 GLDAS-Noah”的输出，适用于以下任一产品：</translation>
    </message>
    <message>
        <source>{QUALITY_CONTROL} and {SEASONS} work as in &apos;Import GLDAS-Noah&apos;, in the same pass; the maxima {MAX_1} ... {MAX_4} default to the product&apos;s (thickness x 1000 kg m-3 - 0.1 for ERA5-Land; the paper&apos;s 99.9, 299.9, 599.9 and 999 kg m-2 for GLDAS-Noah and FLDAS-Noah).</source>
        <translation>{QUALITY_CONTROL}和{SEASONS}与“导入 GLDAS-Noah”中相同，在同一遍处理中完成；上限 {MAX_1} ... {MAX_4} 默认取产品的值（ERA5-Land 为厚度 × 1000 kg m-3 - 0.1；GLDAS-Noah 和 FLDAS-Noah 为论文中的 99.9、299.9、599.9 和 999 kg m-2）。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Inspect a pixel</source>
        <translation>查看像元</translation>
    </message>
    <message>
        <source>TSMV: click a TSMV raster to see the series of its chain at that pixel</source>
        <translation>TSMV：单击 TSMV 栅格，查看该像元处其处理流程的各序列</translation>
    </message>
    <message>
        <source>TSMV: reading a pixel</source>
        <translation>TSMV：正在读取像元</translation>
    </message>
</context>
<context>
    <name>InspectorDock</name>
    <message>
        <source>TSMV pixel inspector</source>
        <translation>TSMV 像元查看器</translation>
    </message>
    <message>
        <source>Click the map with the TSMV pixel inspector.</source>
        <translation>使用 TSMV 像元查看器单击地图。</translation>
    </message>
    <message>
        <source>Export the series as CSV…</source>
        <translation>将序列导出为 CSV…</translation>
    </message>
    <message>
        <source>not a TSMV layer: it records no TSMV run</source>
        <translation>不是 TSMV 图层：其中没有 TSMV 运行记录</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <source>the point is outside the data</source>
        <translation>该点位于数据范围之外</translation>
    </message>
    <message>
        <source>no data at this pixel</source>
        <translation>该像元处无数据</translation>
    </message>
    <message>
        <source>not found: load it in the project, or keep it beside the clicked layer or where its run wrote it</source>
        <translation>未找到：请将其加载到项目中，或将其放在所单击图层的旁边或其运行时写出的位置</translation>
    </message>
    <message>
        <source>Clicked layer</source>
        <translation>所单击的图层</translation>
    </message>
    <message>
        <source>Annual TSM</source>
        <translation>年 TSM</translation>
    </message>
    <message>
        <source>Sen line (tsmv:trend)</source>
        <translation>Sen 趋势线（tsmv:trend）</translation>
    </message>
    <message>
        <source>Seasonal soil moisture</source>
        <translation>季节土壤水分</translation>
    </message>
    <message>
        <source>Contributions (tsmv:attribution)</source>
        <translation>贡献（tsmv:attribution）</translation>
    </message>
    <message>
        <source>GPP by season (tsmv:gpp)</source>
        <translation>各季节 GPP（tsmv:gpp）</translation>
    </message>
    <message>
        <source>Season codes</source>
        <translation>季节代码</translation>
    </message>
    <message>
        <source>r (tsmv:correlation)</source>
        <translation>相关系数 r（tsmv:correlation）</translation>
    </message>
    <message>
        <source>No raster layer to inspect: load a TSMV raster (e.g. a trend map).</source>
        <translation>没有可查看的栅格图层：请加载 TSMV 栅格（如趋势图）。</translation>
    </message>
    <message>
        <source>Reading {LAYER}…</source>
        <translation>正在读取 {LAYER}…</translation>
    </message>
    <message>
        <source>{LAYER}: the pixel could not be read</source>
        <translation>{LAYER}：无法读取该像元</translation>
    </message>
    <message>
        <source>{LAYER} at {LON}, {LAT}</source>
        <translation>{LAYER}，位于 {LON}, {LAT}</translation>
    </message>
    <message>
        <source>{LAYER} at {LON}, {LAT} (row {ROW}, column {COLUMN})</source>
        <translation>{LAYER}，位于 {LON}, {LAT}（第 {ROW} 行，第 {COLUMN} 列）</translation>
    </message>
    <message>
        <source>nothing to show</source>
        <translation>无可显示内容</translation>
    </message>
    <message>
        <source>Annual TSM, Sen lines</source>
        <translation>年 TSM 与 Sen 趋势线</translation>
    </message>
    <message>
        <source>annual TSM</source>
        <translation>年 TSM</translation>
    </message>
    <message>
        <source>Sen line {START}-{END}: {SLOPE}/yr, p={P}</source>
        <translation>Sen 趋势线 {START}-{END}：{SLOPE}/年，p={P}</translation>
    </message>
    <message>
        <source>Contributions {PERIOD} (%), ω</source>
        <translation>贡献 {PERIOD}（%），ω</translation>
    </message>
    <message>
        <source>GPP by season (r by depth)</source>
        <translation>各季节 GPP（各深度的 r）</translation>
    </message>
    <message>
        <source>Export the series as CSV</source>
        <translation>将序列导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>LandCover</name>
    <message>
        <source>Gives each cell of the {REFERENCE} (e.g. any soil-moisture stack) one of four ecosystems from the 0.05 degree IGBP classes of MODIS MCD12C1 (Majority_Land_Cover_Type_1) inside it: Forests 1 = IGBP 1-5; Shrublands 2 = 6, 7, 8, 9, 11; Grasslands 3 = 10; Croplands 4 = 12, 14. Water, urban, snow/ice and barren (0, 13, 15, 16) are excluded (NaN).</source>
        <translation>对{REFERENCE}（如任一土壤水分数据栈）的每个网格单元，依据其中 MODIS MCD12C1 的 0.05° IGBP 类别（Majority_Land_Cover_Type_1），将其划为四类生态系统之一：森林 1 = IGBP 1-5；灌丛 2 = 6、7、8、9、11；草地 3 = 10；农田 4 = 12、14。水体、城市、冰雪和裸地（0、13、15、16）被排除（NaN）。</translation>
    </message>
    <message>
        <source>The {INPUT} is an MCD12C1 .hdf file (its Majority_Land_Cover_Type_1 subdataset is used), the subdataset itself, or any GDAL raster with the same coding (a GeoTIFF export, or a crop on the same 0.05 degree grid). The cells of the {REFERENCE} must hold whole 0.05 degree cells (20 x 20 at 1 degree, 5 x 5 at 0.25 degrees).</source>
        <translation>{INPUT} 可以是 MCD12C1 .hdf 文件（使用其 Majority_Land_Cover_Type_1 子数据集）、该子数据集本身，或采用相同编码的任何 GDAL 栅格（如导出的 GeoTIFF，或同一 0.05° 网格上的裁剪）。{REFERENCE} 的网格单元必须恰好包含整数个 0.05° 网格单元（1° 时为 20 × 20，0.25° 时为 5 × 5）。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Cells of the reference outside the land-cover raster count as fill.</source>
        <translation>参考网格中位于土地覆盖栅格之外的网格单元按填充值处理。</translation>
    </message>
    <message>
        <source>A raster with codes outside 0-16 and 255 is refused, and so is an .hdf file when GDAL lacks the HDF4 driver.</source>
        <translation>含 0-16 和 255 以外代码的栅格将被拒绝；GDAL 缺少 HDF4 驱动时，.hdf 文件同样被拒绝。</translation>
    </message>
    <message>
        <source>MCD12C1 land cover (HDF4 or GeoTIFF)</source>
        <translation>MCD12C1 土地覆盖（HDF4 或 GeoTIFF）</translation>
    </message>
    <message>
        <source>MCD12C1 .hdf file, its HDF4_EOS subdataset, or a raster of IGBP codes (0-16, fill 255) on the 0.05 degree grid.</source>
        <translation>MCD12C1 .hdf 文件、其 HDF4_EOS 子数据集，或 0.05° 网格上的 IGBP 代码栅格（0-16，填充值 255）。</translation>
    </message>
    <message>
        <source>A raster on the target grid, e.g. a soil-moisture stack; each of its cells must hold whole 0.05 degree cells.</source>
        <translation>目标网格上的栅格，如某个土壤水分数据栈；其每个网格单元必须恰好包含整数个 0.05° 网格单元。</translation>
    </message>
    <message>
        <source>Mode of IGBP classes, then regroup</source>
        <translation>先取 IGBP 类别众数，再归并</translation>
    </message>
    <message>
        <source>Ecosystems</source>
        <translation>生态系统</translation>
    </message>
    <message>
        <source>GeoTIFF on the reference grid, one band &apos;ecosystem&apos;: the ecosystem code of each cell, 1 Forests, 2 Shrublands, 3 Grasslands, 4 Croplands; NaN where excluded.</source>
        <translation>参考网格上的 GeoTIFF，单波段 'ecosystem'：各网格单元的生态系统代码，1 森林，2 灌丛，3 草地，4 农田；被排除处为 NaN。</translation>
    </message>
    <message>
        <source>With {METHOD} set to &apos;Regroup, then mode of the valid cells&apos; (the default, the order of Li et al. 2025, section 2.2): water, urban, snow/ice, barren and fill become NaN first and do not vote; the other 0.05 degree cells are regrouped; the cell takes the most frequent of the four ecosystems among them. So 30 % evergreen needleleaf + 25 % evergreen broadleaf + 45 % grassland is Forests, and 40 % forest + 60 % water is Forests. With &apos;Mode of IGBP classes, then regroup&apos;: the most frequent of the 17 IGBP classes, then regrouped (the first example is then Grasslands, the second NaN).</source>
        <translation>当{METHOD} 为“先归并，再取有效像元的众数”（默认，即 Li et al. 2025 第 2.2 节的顺序）时：水体、城市、冰雪、裸地和填充值先设为 NaN，不参与投票；其余 0.05 度像元先归并，网格取其中出现最多的生态系统。因此 30 % 常绿针叶林 + 25 % 常绿阔叶林 + 45 % 草地为 Forests，40 % 森林 + 60 % 水体也为 Forests。当为“先取 IGBP 类别众数，再归并”时：取 17 个 IGBP 类别中出现最多者，再归并（第一个例子则为 Grasslands，第二个为 NaN）。</translation>
    </message>
    <message>
        <source>Fill (255) is not counted; a block without a cell that counts is NaN.</source>
        <translation>填充值（255）不计数；没有任何计数像元的块为 NaN。</translation>
    </message>
    <message>
        <source>Ties go to the smaller code (Forests before Shrublands, ...; with &apos;Mode of IGBP classes, then regroup&apos;, the smaller IGBP class).</source>
        <translation>并列时取较小的代码（Forests 先于 Shrublands……；在“先取 IGBP 类别众数，再归并”时取较小的 IGBP 类别）。</translation>
    </message>
    <message>
        <source>Regroup, then mode of the valid cells</source>
        <translation>先归并，再取有效像元的众数</translation>
    </message>
    <message>
        <source>Whether the excluded classes are removed and the cells regrouped before the block&apos;s mode (the paper&apos;s order), or the mode is taken over the 17 IGBP classes first.</source>
        <translation>是先去除排除类别并归并像元、再取块的众数（论文的顺序），还是先在 17 个 IGBP 类别上取众数。</translation>
    </message>
    <message>
        <source>The raster&apos;s own georeferencing is used. Only the collapsed extent GDAL reports for the HDF4 CMG grid of MCD12C1 (a 7200 x 3600 grid within a degree of (0, 0)), or a 7200 x 3600 raster without georeferencing, gets the CMG geotransform (-180, 0.05, 0, 90, 0, -0.05), in degrees.</source>
        <translation>使用栅格自身的地理参考。只有 GDAL 对 MCD12C1 的 HDF4 CMG 网格报告的塌缩范围（位于 (0, 0) 一度以内的 7200 × 3600 网格），或没有地理参考的 7200 × 3600 栅格，才使用 CMG 地理变换 (-180, 0.05, 0, 90, 0, -0.05)（单位：度）。</translation>
    </message>
    <message>
        <source>A declared nodata counts as fill (255). A raster that declares a scale or offset is refused (classes are codes), and so are a file cut short and a named pipe, device or socket, naming the file.</source>
        <translation>声明的无数据值视为填充值 (255)。声明了缩放系数或偏移量的栅格将被拒绝（类别是代码），被截断的文件以及命名管道、设备或套接字同样被拒绝，并给出文件名。</translation>
    </message>
    <message>
        <source>1 Ecosystems from MCD12C1</source>
        <translation>1 由 MCD12C1 划分生态系统</translation>
    </message>
    <message>
        <source>Reference grid (any soil-moisture stack)</source>
        <translation>参考网格（任一土壤水分数据栈）</translation>
    </message>
    <message>
        <source>Order of regrouping and mode</source>
        <translation>重新归类与取众数的顺序</translation>
    </message>
</context>
<context>
    <name>QualityControl</name>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>A value equal to the maximum is kept.</source>
        <translation>等于最大值的数值予以保留。</translation>
    </message>
    <message>
        <source>+-infinity counts as a value and is masked (below 0 or above the maximum); NaN stays NaN and is not counted.</source>
        <translation>正、负无穷大视为数值并被掩膜（分别低于 0 或高于最大值）；NaN 保持为 NaN，且不计入统计。</translation>
    </message>
    <message>
        <source>Work goes by strips of rows, so memory stays bounded.</source>
        <translation>按行条带分块处理，因此内存占用有上限。</translation>
    </message>
    <message>
        <source>The {REPORT} is a CSV with one row per layer and the columns layer, values (input values that are not NaN), masked, percent_masked, below_zero, above_max and max_allowed_kg_m2 (the maximum used, kg m-2).</source>
        <translation>{REPORT} 为 CSV 文件，每个土层一行，各列为 layer、values（输入中非 NaN 值的个数）、masked、percent_masked、below_zero、above_max 和 max_allowed_kg_m2（所用最大值，kg m-2）。</translation>
    </message>
    <message>
        <source>Soil moisture %s cm (quality-controlled)</source>
        <translation>质量控制后的 %s cm 土壤水分</translation>
    </message>
    <message>
        <source>GeoTIFF with the bands (YYYY-MM) of the input, in kg m-2: the %s cm stack with non-physical values set to NaN.</source>
        <translation>GeoTIFF，波段与输入相同（YYYY-MM），单位 kg m-2：非物理值已设为 NaN 的 %s cm 数据栈。</translation>
    </message>
    <message>
        <source>Quality report</source>
        <translation>质量报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>CSV, one row per layer: layer, values, masked, percent_masked, below_zero, above_max, max_allowed_kg_m2 (the maximum used, kg m-2).</source>
        <translation>CSV，每个土层一行：layer、values、masked、percent_masked、below_zero、above_max、max_allowed_kg_m2（所用最大值，kg m-2）。</translation>
    </message>
    <message>
        <source>Masks soil-moisture values that cannot be physical, as in Li et al. (2025): a value below 0 kg m-2 or above the layer&apos;s maximum water storage becomes NaN. The default maxima are those of the product the stacks record: the paper&apos;s 99.9 kg m-2 (0-10 cm), 299.9 kg m-2 (10-40 cm), 599.9 kg m-2 (40-100 cm) and 999 kg m-2 (100-200 cm) for GLDAS-Noah and FLDAS-Noah, 69.9, 209.9, 719.9 and 1889.9 kg m-2 for ERA5-Land&apos;s 0-7, 7-28, 28-100 and 100-289 cm (each layer&apos;s thickness x 1000 kg m-3 - 0.1); set them with {MAX_0_10}, {MAX_10_40}, {MAX_40_100} and {MAX_100_200}.</source>
        <translation>按照 Li 等（2025）的方法屏蔽不可能为物理值的土壤水分：低于 0 kg m-2 或高于该层最大储水量的值变为 NaN。默认上限取栈所记录产品的值：GLDAS-Noah 和 FLDAS-Noah 为论文中的 99.9 kg m-2（0-10 cm）、299.9 kg m-2（10-40 cm）、599.9 kg m-2（40-100 cm）和 999 kg m-2（100-200 cm），ERA5-Land 的 0-7、7-28、28-100 和 100-289 cm 为 69.9、209.9、719.9 和 1889.9 kg m-2（各层厚度 × 1000 kg m-3 - 0.1）；可用 {MAX_0_10}、{MAX_10_40}、{MAX_40_100} 和 {MAX_100_200} 设置。</translation>
    </message>
    <message>
        <source>3 Remove non-physical values</source>
        <translation>3 剔除非物理值</translation>
    </message>
    <message>
        <source>The inputs are the monthly stacks of &apos;Import GLDAS-Noah&apos; or &apos;Import layered soil moisture&apos;, the product&apos;s layers top to bottom (any monthly soil-moisture stack works, bands YYYY-MM; a yearly or seasonal stack is refused; layers of two products, or out of order, are refused). The outputs keep the grid and the labels.</source>
        <translation>输入为“导入 GLDAS-Noah”或“导入分层土壤水分”的月度栈，即产品自上而下的各土层（任何月度土壤水分栈均可，波段为 YYYY-MM；年度或季节栈将被拒绝；两种产品的土层或顺序错误的土层将被拒绝）。输出保留网格和标签。</translation>
    </message>
    <message>
        <source>Monthly soil moisture %s cm</source>
        <translation>%s cm 月土壤水分</translation>
    </message>
    <message>
        <source>Monthly stack (bands YYYY-MM) of the %s cm layer, in kg m-2, e.g. from &apos;Import GLDAS-Noah&apos;.</source>
        <translation>%s cm 土层的月数据栈（波段 YYYY-MM），单位 kg m-2，例如“导入 GLDAS-Noah”的输出。</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Annual total soil moisture</source>
        <translation>年总土壤水分</translation>
    </message>
    <message>
        <source>The Annual total soil moisture of &apos;Classify wetness seasons&apos; (kg m-2, bands YYYY).</source>
        <translation>“划分湿度季节”输出的“年总土壤水分”（kg m-2，波段 YYYY）。</translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s cm</source>
        <translation>%s cm 季节土壤水分</translation>
    </message>
    <message>
        <source>The Seasonal soil moisture %s cm of &apos;Classify wetness seasons&apos; (kg m-2, bands &apos;YYYY H-S&apos; ... &apos;YYYY A-S&apos;).</source>
        <translation>“划分湿度季节”输出的“%s cm 季节土壤水分”（kg m-2，波段 'YYYY H-S' ... 'YYYY A-S'）。</translation>
    </message>
    <message>
        <source>Trend, period %s</source>
        <translation>趋势，时段 %s</translation>
    </message>
    <message>
        <source>Trend summary, period %s</source>
        <translation>趋势汇总，时段 %s</translation>
    </message>
    <message>
        <source>Attribution components, period %s</source>
        <translation>归因分量，时段 %s</translation>
    </message>
    <message>
        <source>Attribution table, period %s</source>
        <translation>归因表，时段 %s</translation>
    </message>
    <message>
        <source>Correlation table</source>
        <translation>相关分析表</translation>
    </message>
    <message>
        <source>Quality-control report</source>
        <translation>质量控制报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>Report with %d figures: %s</source>
        <translation>报告（含 %d 幅图）：%s</translation>
    </message>
    <message>
        <source>Writes one self-contained HTML file (figures embedded as PNG, made with matplotlib; where QGIS&apos;s Python has no working matplotlib the report keeps its tables and says why; no internet needed to view it) with the figures and tables of Li et al. (2025) for the outputs of the other TSMV algorithms. Only the {ANNUAL_TSM} is required; every other input adds its figures:</source>
        <translation>写出一个独立的 HTML 文件（图以 PNG 形式嵌入，由 matplotlib 绘制；若 QGIS 的 Python 中没有可用的 matplotlib，报告仍保留表格并说明原因；查看时无需联网），针对其他 TSMV 算法的输出给出 Li et al. (2025) 中的图和表。只有 {ANNUAL_TSM} 是必需的；其他每项输入都会增加相应的图：</translation>
    </message>
    <message>
        <source>Fig. 2, from {COMPONENTS_A}, {COMPONENTS_B}: maps of the contributions (percent of Var(TSM)) of each season, each depth and each dynamic, per period; Table 2, from {ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: the numbers of section 3.2 (contributions by season, depth and dynamic, and their change).</source>
        <translation>图 2，来自 {COMPONENTS_A}、{COMPONENTS_B}：各时段每个季节、每个深度和每种动态类型的贡献（占 Var(TSM) 的百分比）分布图；表 2，来自 {ATTRIBUTION_TABLE_A}、{ATTRIBUTION_TABLE_B}：第 3.2 节中的数值（按季节、深度和动态类型划分的贡献及其变化）。</translation>
    </message>
    <message>
        <source>A coverage section: how many pixels each analysis (trend, attribution, correlation) kept and why it dropped the others, as the outputs record it, and the GLDAS versions of each period.</source>
        <translation>覆盖情况部分：根据输出中的记录，说明每项分析（趋势、归因、相关）保留了多少像元、其余像元为何被剔除，以及各时段的 GLDAS 版本。</translation>
    </message>
    <message>
        <source>Maps are drawn cell by cell (nearest neighbour), with coastlines from the world map QGIS ships and longitude/latitude ticks; shares use sequential colours and signed terms diverging ones centred at 0; a pixel without a value is grey.</source>
        <translation>地图逐网格单元绘制（最近邻），海岸线取自 QGIS 自带的世界地图，并标注经纬度刻度；份额使用顺序色带，带符号的量使用以 0 为中心的发散色带；无值的像元显示为灰色。</translation>
    </message>
    <message>
        <source>Periods are read from the rasters&apos; metadata (the START_YEAR and END_YEAR that TSMV records). An attribution table takes the period of the components or the trend of the same letter (A, B).</source>
        <translation>时段从栅格的元数据中读取（TSMV 记录的 START_YEAR 和 END_YEAR）。归因表采用同一字母（A、B）的分量或趋势的时段。</translation>
    </message>
    <message>
        <source>Every input is checked before any figure is made, and refused with a message naming the parameter and the file: the {ANNUAL_TSM} must be yearly (bands YYYY), the seasonal stacks seasonal (bands &apos;YYYY H-S&apos;; all four or none, each holding its own layer); {TREND_A} and {TREND_B} need the bands slope, intercept, p_value, z, tau, s, trend and a period within the years of the {ANNUAL_TSM}, and {COMPONENTS_A} and {COMPONENTS_B} the 32 contribution bands, both with START_YEAR and END_YEAR in their metadata; {R} and {P} need the 16 bands &apos;H-S 0-10 cm&apos; ..., {R_ROOT_ZONE} and {P_ROOT_ZONE} the 4 bands &apos;H-S 10-100 cm&apos; ..., an r where a p is expected (or the reverse) is refused, the {ECOSYSTEMS} must hold the codes 1-4, and these five must be on one grid; the CSVs must be UTF-8 text with the header TSMV writes and at least one row, with numbers where numbers are read and known seasons, depths and dynamics.</source>
        <translation>在绘制任何图之前检查每项输入，不符合要求的输入将被拒绝，并给出指明参数和文件的消息：{ANNUAL_TSM} 必须为年数据（波段 YYYY），季节数据栈必须为季节数据（波段 'YYYY H-S'；四个全部提供或全部不提供，且各自对应其土层）；{TREND_A} 和 {TREND_B} 需要波段 slope、intercept、p_value、z、tau、s、trend，且时段须位于 {ANNUAL_TSM} 的年份范围内，{COMPONENTS_A} 和 {COMPONENTS_B} 需要 32 个贡献波段，两者的元数据中都须有 START_YEAR 和 END_YEAR；{R} 和 {P} 需要 16 个波段 'H-S 0-10 cm' ...，{R_ROOT_ZONE} 和 {P_ROOT_ZONE} 需要 4 个波段 'H-S 10-100 cm' ...，在应为 p 的位置给出 r（或反之）将被拒绝，{ECOSYSTEMS} 必须包含代码 1-4，且这五项必须位于同一网格上；CSV 必须是 UTF-8 文本，带有 TSMV 写出的表头且至少有一行，读取数值之处须为数字，季节、深度和动态类型须为已知值。</translation>
    </message>
    <message>
        <source>Correlation r</source>
        <translation>相关系数 r</translation>
    </message>
    <message>
        <source>Correlation p-value</source>
        <translation>相关的 p 值</translation>
    </message>
    <message>
        <source>Correlation r of the root zone</source>
        <translation>根区相关系数 r</translation>
    </message>
    <message>
        <source>Correlation p-value of the root zone</source>
        <translation>根区相关的 p 值</translation>
    </message>
    <message>
        <source>The Trend of &apos;Sen&apos;s slope, Mann-Kendall&apos; for period %s.</source>
        <translation>“Sen 斜率与 Mann-Kendall 检验”在时段 %s 输出的“趋势”。</translation>
    </message>
    <message>
        <source>The Trend summary (CSV) of &apos;Sen&apos;s slope, Mann-Kendall&apos; for period %s.</source>
        <translation>“Sen 斜率与 Mann-Kendall 检验”在时段 %s 输出的“趋势汇总”（CSV）。</translation>
    </message>
    <message>
        <source>The Contributions of the 32 components of &apos;Attribute TSM variability&apos; for period %s.</source>
        <translation>“总土壤水分变率归因”在时段 %s 输出的“32 个分量的贡献”。</translation>
    </message>
    <message>
        <source>The Attribution table (CSV) of &apos;Attribute TSM variability&apos; for period %s.</source>
        <translation>“总土壤水分变率归因”在时段 %s 输出的“归因表”（CSV）。</translation>
    </message>
    <message>
        <source>The Correlation table (CSV) of &apos;Correlate with GPP&apos;.</source>
        <translation>“与 GPP 的相关分析”输出的“相关分析表”（CSV）。</translation>
    </message>
    <message>
        <source>The p-value (16 bands) of &apos;Correlate with GPP&apos; (Fig. 4a).</source>
        <translation>“与 GPP 的相关分析”输出的“p 值”（16 个波段；图 4a）。</translation>
    </message>
    <message>
        <source>Ecosystems (from land cover)</source>
        <translation>生态系统（由土地覆盖划分）</translation>
    </message>
    <message>
        <source>The Ecosystems of &apos;Ecosystems from MCD12C1&apos; (codes 1-4), to group the distributions of r and p (Fig. 4a); without it they are global only.</source>
        <translation>“由 MCD12C1 划分生态系统”输出的“生态系统”（代码 1-4），用于按生态系统对 r 和 p 的分布分组（图 4a）；不提供时仅给出全球分布。</translation>
    </message>
    <message>
        <source>The p-value of the root zone (10-100 cm, 4 bands) of &apos;Correlate with GPP&apos; (Fig. 4a).</source>
        <translation>“与 GPP 的相关分析”输出的“根区（10-100 cm）p 值”（4 个波段；图 4a）。</translation>
    </message>
    <message>
        <source>The Quality report (CSV) of &apos;Remove non-physical values&apos;.</source>
        <translation>“剔除非物理值”输出的“质量报告”（CSV）。</translation>
    </message>
    <message>
        <source>Fig. 1a, from the {ANNUAL_TSM} (and {TREND_A}, {TREND_B}): the global mean annual total soil moisture by year (area-weighted, kg m-2, over the pixels with a value in every year) with the Sen line and the Mann-Kendall p of that mean over each trend period; the years of each GLDAS version are shaded, and beside the figure the report says which years come from V2.0 and V2.1, warns when a period mixes them (Li et al. split the record at 2000 for this reason) and how many pixels each trend kept.</source>
        <translation>图 1a，来自 {ANNUAL_TSM}（以及 {TREND_A}、{TREND_B}）：全球平均年总土壤水分逐年变化（面积加权，kg m-2，只取每一年都有值的像元），并给出该均值在各趋势时段内的 Sen 趋势线和 Mann-Kendall p 值；各 GLDAS 版本的年份以阴影标示，报告在图旁说明哪些年份来自 V2.0、哪些来自 V2.1，在时段混合两个版本时给出警告（Li et al. 正是因此在 2000 年处分割记录），并说明每个趋势保留了多少像元。</translation>
    </message>
    <message>
        <source>Fig. 1b, 1c, 1d, from {SEASONAL_0_10} ... {SEASONAL_100_200}: the mean soil moisture of each season by depth (kg m-2); for each period (those of the trends and attributions, else the whole record) and each season and depth, the Sen slope of the global mean series (kg m-2 per year, * where its Mann-Kendall test is significant); and the detrended interannual variability relative to storage, over the whole record and each period: the standard deviation of the residuals of each pixel&apos;s least-squares line divided by the mean soil moisture of that season and layer (percent; both averaged over the pixels with complete series).</source>
        <translation>图 1b、1c、1d，来自 {SEASONAL_0_10} ... {SEASONAL_100_200}：各深度各季节的平均土壤水分（kg m-2）；对每个时段（趋势和归因所用的时段，否则为整个记录期）以及每个季节和深度，给出全球平均序列的 Sen 斜率（kg m-2/年，Mann-Kendall 检验显著处标 *）；以及相对于储量的去趋势年际变率，分别针对整个记录期和每个时段：各像元最小二乘直线残差的标准差除以该季节、该土层的平均土壤水分（百分比；二者均在序列完整的像元上求平均）。</translation>
    </message>
    <message>
        <source>The tables of the inputs ({ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}, {CORRELATION_TABLE}, {QC_REPORT}), rounded to what they mean, and the provenance: every input file, the raw data files the chain read (product, versions, number of files, first and last file, folder), every parameter, the versions of TSMV, QGIS, GDAL, numpy, matplotlib and Python, and the date. A banner on top says when the inputs were made from TSMV&apos;s synthetic example data.</source>
        <translation>输入中的表格（{ATTRIBUTION_TABLE_A}、{ATTRIBUTION_TABLE_B}、{CORRELATION_TABLE}、{QC_REPORT}），按其含义保留适当的位数；以及来源信息：每个输入文件、整个流程所读取的原始数据文件（产品、版本、文件数、首个和最后一个文件、文件夹）、每个参数，TSMV、QGIS、GDAL、numpy、matplotlib 和 Python 的版本，以及日期。当输入由 TSMV 的合成示例数据生成时，顶部会有横幅说明。</translation>
    </message>
    <message>
        <source>The Pearson r (16 bands) of &apos;Correlate with GPP&apos; (Fig. 4a, 4b, 4d, S2).</source>
        <translation>“与 GPP 的相关分析”输出的 Pearson r（16 个波段）（图 4a、4b、4d、S2）。</translation>
    </message>
    <message>
        <source>The Pearson r of the root zone (10-100 cm, 4 bands) of &apos;Correlate with GPP&apos; (Fig. 4a, 4c).</source>
        <translation>“与 GPP 的相关分析”输出的根区（10-100 cm，4 个波段）Pearson r（图 4a、4c）。</translation>
    </message>
    <message>
        <source>Fig. S1, from {TREND_A}, {TREND_B}: maps of the Sen slope; Table 1, with {SUMMARY_A}, {SUMMARY_B}: the numbers of section 3.1 per period (mean slope, percent of the area decreasing, increasing, significantly, faster than the threshold, and the Sen slope of the global mean with its 95% interval, Gilbert 1987).</source>
        <translation>图 S1，来自 {TREND_A}、{TREND_B}：Sen 斜率分布图；表 1，使用 {SUMMARY_A}、{SUMMARY_B}：各时段第 3.1 节中的数值（平均斜率，呈减少、增加、显著变化以及变化快于阈值的面积百分比，以及全球均值的 Sen 斜率及其 95% 置信区间，Gilbert 1987）。</translation>
    </message>
    <message>
        <source>1 HTML report</source>
        <translation>1 HTML 报告</translation>
    </message>
    <message>
        <source>Fig. 4a, from {R}, {P} and {ECOSYSTEMS} (and {R_ROOT_ZONE}, {P_ROOT_ZONE}): the distributions (area-weighted box plots) of r and p by ecosystem, season and depth (p on a log scale); maps of r for each season, in the paper&apos;s order: Fig. 4b the 0-10 cm layer, from {R}; Fig. 4c the root zone (10-100 cm), from {R_ROOT_ZONE}; Fig. 4d the 100-200 cm layer, from {R}; Fig. S2, from {R}: the two middle layers; Fig. S3, from {CORRELATION_TABLE}: mean r and the percent of the area where the correlation is significant (by the rule the table&apos;s significance column names: p &lt; alpha for each pixel alone unless the correlation ran with its FDR), by ecosystem, season and depth, with the root zone from the table&apos;s 10-100 cm rows. Beyond the paper, Fig. S4, from {R_BEST_LAG} and {BEST_LAG} (a correlation run with a largest lag above 0) beside {R}: for the 0-10 cm layer, the r at lag 0, the largest r with GPP up to that many months later, and its lag.</source>
        <translation>图 4a，来自 {R}、{P} 和 {ECOSYSTEMS}（以及 {R_ROOT_ZONE}、{P_ROOT_ZONE}）：按生态系统、季节和深度给出 r 和 p 的分布（面积加权箱线图；p 采用对数坐标）；各季节 r 的分布图，按论文顺序：图 4b 为 0-10 cm 土层，来自 {R}；图 4c 为根区（10-100 cm），来自 {R_ROOT_ZONE}；图 4d 为 100-200 cm 土层，来自 {R}；图 S2，来自 {R}：中间两个土层；图 S3，来自 {CORRELATION_TABLE}：按生态系统、季节和深度给出的平均 r 以及相关显著的面积百分比（依据该表 significance 列注明的规则：除非相关分析启用了 FDR，否则为逐像元单独判断 p &lt; alpha），根区取自表中的 10-100 cm 行。超出论文范围的图 S4，来自 {R_BEST_LAG} 和 {BEST_LAG}（由最大滞后大于 0 的相关分析运行生成）并与 {R} 并列：对 0-10 cm 土层，给出滞后 0 的 r、GPP 滞后不超过该月数时的最大 r，及其滞后。</translation>
    </message>
    <message>
        <source>Correlation r at the best lag</source>
        <translation>最佳滞后处的相关系数 r</translation>
    </message>
    <message>
        <source>The Pearson r at the best lag (16 bands) of &apos;Correlate with GPP&apos; run with a largest lag above 0 (Fig. S4).</source>
        <translation>以大于 0 的最大滞后运行“与 GPP 的相关分析”所输出的“最佳滞后处的皮尔逊 r”（16 个波段）（图 S4）。</translation>
    </message>
    <message>
        <source>Correlation best lag</source>
        <translation>相关的最佳滞后</translation>
    </message>
    <message>
        <source>The Best lag (months, 16 bands) of the same run of &apos;Correlate with GPP&apos; (Fig. S4).</source>
        <translation>同一次“与 GPP 的相关分析”运行输出的“最佳滞后”（月，16 个波段）（图 S4）。</translation>
    </message>
    <message>
        <source>Beyond the paper, Fig. S5, when the {R} comes from a correlation run with its option to remove each series&apos; linear trend: the area-weighted mean r and the percent of the area where r is significant (by the rule of that run), for every season and depth, not detrended (the paper&apos;s r) beside detrended, and their difference. Detrending takes away the part of r that two series drifting over the years share; what remains is the coupling of their year-to-year changes. The not detrended r and p are not inputs: the report takes the &apos;Pearson r not detrended&apos; and &apos;p-value not detrended&apos; that the same run wrote, from where it recorded writing them or beside the {R} (keep them there; the log says when they are not found).</source>
        <translation>超出论文范围的图 S5，当 {R} 来自启用了“去除各序列线性趋势”选项的相关分析运行时：对每个季节和深度，给出面积加权平均 r 以及 r 显著的面积百分比（依据该次运行的规则），不去趋势（论文中的 r）与去趋势并列，并给出二者之差。去趋势去除的是两个序列因都随年份漂移而共有的那部分 r；剩下的是其逐年变化之间的耦合。不去趋势的 r 和 p 不是输入：报告取用同一次运行写出的“未去趋势的皮尔逊 r”和“未去趋势的 p 值”，位置为该运行记录的写出位置或 {R} 旁边（请将它们保留在那里；找不到时日志会说明）。</translation>
    </message>
    <message>
        <source>One HTML file: coverage and GLDAS versions, the figures the inputs allow (Fig. 1a-1d, S1, 2, 3, 4a-4d, S2, S3, S4, S5; PNG, embedded), Tables 1 and 2, the tables of the inputs given, and the provenance.</source>
        <translation>一个 HTML 文件：覆盖范围与 GLDAS 版本、输入所允许的各图（图 1a-1d、S1、2、3、4a-4d、S2、S3、S4、S5；PNG，内嵌）、表 1 和表 2、所给输入的表格，以及来源信息。</translation>
    </message>
    <message>
        <source>Fig. 3, from {ATTRIBUTION_TABLE_A}, {ATTRIBUTION_TABLE_B}: 4 x 4 heatmaps of the Trend and IAV contributions (percent of Var(TSM)) and omega, and with both periods their change (B minus A, percentage points). A table written with a BOOTSTRAP stars the contributions whose 95% interval excludes 0 on at least half of the area (its column percent_excluding_zero), and the attribution tables then give, for the Trend and IAV rows, the 95% bootstrap interval of the mean (lower to upper) and that percent.</source>
        <translation>图 3，来自 {ATTRIBUTION_TABLE_A}、{ATTRIBUTION_TABLE_B}：Trend 与 IAV 贡献（占 Var(TSM) 的百分比）及 omega 的 4 x 4 热图；两个时段均给出时，还给出其变化（B 减 A，百分点）。对于启用 BOOTSTRAP 写出的表，95% 区间在至少一半面积上不含 0 的贡献会标注星号（依据其 percent_excluding_zero 列），且归因表会在 Trend 和 IAV 行给出均值的 95% bootstrap 区间（下限至上限）以及该百分比。</translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <source>For every pixel and calendar year, ranks the 12 months by soil moisture, wettest first: ranks 1-3 are the humid season H-S (code 1), 4-6 sub-humid SH-S (2), 7-9 semi-arid SA-S (3), 10-12 arid A-S (4). Seasons therefore differ from pixel to pixel and year to year, as in Li et al. (2025).</source>
        <translation>对每个像元的每个日历年，按土壤水分将 12 个月由湿到干排序：第 1-3 位为湿润季 H-S（代码 1），第 4-6 位为半湿润季 SH-S（2），第 7-9 位为半干旱季 SA-S（3），第 10-12 位为干旱季 A-S（4）。因此，与 Li et al. (2025) 一样，季节随像元和年份而变。</translation>
    </message>
    <message>
        <source>With {RANK_BY} set to &apos;Total profile (sum of the four layers)&apos; (the default), the months are ranked by the sum of the four layers and those seasons are used for every layer. With &apos;Each layer on its own&apos;, every layer is ranked on its own month order, so the seasonal soil moisture of a layer averages that layer&apos;s own wettest, ..., driest months; {SEASON_CODES} still holds the total-profile codes and {SEASON_CODES_LAYERS} the per-layer codes (bands &apos;YYYY-MM 0-10 cm&apos;).</source>
        <translation>当{RANK_BY} 为“整个剖面（四层之和）”（默认）时，按四个土层之和对月份排序，所得季节用于所有土层。当其为“各土层分别排序”时，每个土层按自身的月份顺序排序，因此某土层的季节土壤水分是该土层自身最湿、……、最干月份的均值；此时{SEASON_CODES} 仍为整个剖面的季节代码，{SEASON_CODES_LAYERS} 则为各土层的季节代码（波段 'YYYY-MM 0-10 cm'）。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Ties go to the earlier month as the wetter.</source>
        <translation>数值相同时，较早的月份视为更湿润。</translation>
    </message>
    <message>
        <source>A pixel-year with a missing month in any layer is NaN in every output.</source>
        <translation>任一土层缺少某月数据的像元-年，在所有输出中均为 NaN。</translation>
    </message>
    <message>
        <source>Years without all 12 months in the inputs are left out (the log lists them).</source>
        <translation>输入中 12 个月不全的年份将被略去（日志中会列出这些年份）。</translation>
    </message>
    <message>
        <source>Sums and means are taken in double precision; a result beyond the float32 range of the outputs is written as NaN, with a warning.</source>
        <translation>求和与求均值均以双精度计算；超出输出 float32 范围的结果写为 NaN，并给出警告。</translation>
    </message>
    <message>
        <source>Outputs:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>{SEASON_CODES}: bands YYYY-MM, values 1-4.</source>
        <translation>{SEASON_CODES}：波段 YYYY-MM，取值 1-4。</translation>
    </message>
    <message>
        <source>{SEASONAL_0_10} ... {SEASONAL_100_200}: SM of season s in year t, the mean of the layer over the season&apos;s three months, in kg m-2, bands &apos;YYYY H-S&apos;, &apos;YYYY SH-S&apos;, &apos;YYYY SA-S&apos;, &apos;YYYY A-S&apos; year by year.</source>
        <translation>{SEASONAL_0_10} ... {SEASONAL_100_200}：第 t 年季节 s 的 SM，即该土层在该季节三个月内的均值，单位 kg m-2，逐年依次为波段 'YYYY H-S'、'YYYY SH-S'、'YYYY SA-S'、'YYYY A-S'。</translation>
    </message>
    <message>
        <source>{ANNUAL_TSM}: total soil moisture, the sum over layers of the annual mean, in kg m-2, bands YYYY.</source>
        <translation>{ANNUAL_TSM}：总土壤水分 (TSM)，即各土层年均值之和，单位 kg m-2，波段 YYYY。</translation>
    </message>
    <message>
        <source>The four seasonal means of a layer average to its annual mean.</source>
        <translation>某土层四个季节均值的平均值等于其年均值。</translation>
    </message>
    <message>
        <source>4 Classify wetness seasons</source>
        <translation>4 划分湿度季节</translation>
    </message>
    <message>
        <source>Monthly soil moisture %s cm</source>
        <translation>%s cm 月土壤水分</translation>
    </message>
    <message>
        <source>Monthly stack (bands YYYY-MM, kg m-2) of the %s cm layer, quality-controlled (e.g. by &apos;Remove non-physical values&apos;).</source>
        <translation>%s cm 土层经质量控制的月数据栈（波段 YYYY-MM，kg m-2），例如“剔除非物理值”的输出。</translation>
    </message>
</context>
<context>
    <name>Trend</name>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>{SEASON} is for seasonal stacks only: set with a yearly or monthly stack, it is refused.</source>
        <translation>{SEASON} 仅适用于季节数据栈：输入为年或月数据栈时若设置了该参数，将被拒绝。</translation>
    </message>
    <message>
        <source>A labelled stack: yearly (YYYY), seasonal (YYYY H-S) or monthly (YYYY-MM).</source>
        <translation>带波段标签的数据栈：年（YYYY）、季节（YYYY H-S）或月（YYYY-MM）。</translation>
    </message>
    <message>
        <source>Season (seasonal stacks)</source>
        <translation>季节（季节数据栈）</translation>
    </message>
    <message>
        <source>For a seasonal stack: the season whose series is tested.</source>
        <translation>用于季节数据栈：要检验其序列的季节。</translation>
    </message>
    <message>
        <source>Aggregate months to years</source>
        <translation>月值汇总为年值</translation>
    </message>
    <message>
        <source>Annual mean</source>
        <translation>年均值</translation>
    </message>
    <message>
        <source>Annual minimum</source>
        <translation>年最小值</translation>
    </message>
    <message>
        <source>Annual maximum</source>
        <translation>年最大值</translation>
    </message>
    <message>
        <source>First year of the period. Empty: the first year of the stack.</source>
        <translation>时段的第一年。留空：取数据栈的第一年。</translation>
    </message>
    <message>
        <source>Last year of the period. Empty: the last year of the stack.</source>
        <translation>时段的最后一年。留空：取数据栈的最后一年。</translation>
    </message>
    <message>
        <source>Significance level</source>
        <translation>显著性水平</translation>
    </message>
    <message>
        <source>Two-sided significance level alpha of the test: significant when p is below alpha.</source>
        <translation>检验的双侧显著性水平 alpha：p 小于 alpha 时为显著。</translation>
    </message>
    <message>
        <source>Mann-Kendall variant</source>
        <translation>Mann-Kendall 检验方法</translation>
    </message>
    <message>
        <source>Control the false discovery rate (Benjamini-Hochberg)</source>
        <translation>控制错误发现率（Benjamini-Hochberg）</translation>
    </message>
    <message>
        <source>Judge significance by Benjamini-Hochberg q-values over all valid pixels.</source>
        <translation>基于全部有效像元的 Benjamini-Hochberg q 值判断显著性。</translation>
    </message>
    <message>
        <source>Minimum valid years</source>
        <translation>最少有效年数</translation>
    </message>
    <message>
        <source>Pixels with fewer valid years are NaN.</source>
        <translation>有效年数少于此值的像元为 NaN。</translation>
    </message>
    <message>
        <source>Fast-change threshold (per year)</source>
        <translation>快速变化阈值（每年）</translation>
    </message>
    <message>
        <source>The {SUMMARY} reports the area changing faster than this, in the stack&apos;s units per year (kg m-2 per year for soil moisture).</source>
        <translation>{SUMMARY} 报告变化速率超过此值的面积；单位为数据栈的单位/年（土壤水分为 kg m-2/年）。</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Trend summary</source>
        <translation>趋势汇总</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%d-%d: %d pixels, mean slope %.4g %s (area-weighted); %.1f%% of area decreasing (%.1f%% significantly), %.1f%% decreasing faster than %g %s</source>
        <translation>%d-%d：%d 个像元，平均斜率 %.4g %s（面积加权）；%.1f%% 的面积呈减少趋势（显著减少 %.1f%%），%.1f%% 的面积减少速率超过 %g %s</translation>
    </message>
    <message>
        <source>The log says how many pixels have a trend and why the others have none (no data in the period, fewer valid years than {MIN_YEARS}); the output records it too (metadata TSMV_COVERAGE).</source>
        <translation>日志说明有多少像元得到了趋势、其余像元为何没有（时段内无数据、有效年数少于{MIN_YEARS}）；输出也记录了这些信息（元数据 TSMV_COVERAGE）。</translation>
    </message>
    <message>
        <source>A period whose bands come from both GLDAS V2.0 (before 2000) and V2.1 (from 2000) gets a warning: the two differ in forcing and model version, so a trend across the change may partly be the change itself. Li et al. (2025) split the record at 2000 for this reason. The versions are read from the stack&apos;s band metadata (GLDAS_VERSION, written by the import).</source>
        <translation>若时段的波段同时来自 GLDAS V2.0（2000 年以前）和 V2.1（2000 年起），会给出警告：两者的驱动数据和模型版本不同，跨越版本变化的趋势可能部分来自版本变化本身。Li et al.（2025）正是因此在 2000 年将记录分段。版本信息读取自数据栈的波段元数据（GLDAS_VERSION，由导入步骤写入）。</translation>
    </message>
    <message>
        <source>CSV, one row with the settings and the area shares of decreasing and increasing pixels (section 3.1): start_year, end_year, method, alpha, fdr, pixels, mean_slope (area-weighted, units per year), mean_slope_unweighted, percent_decreasing (percent of the valid area, area-weighted), percent_increasing, percent_significant_decreasing, percent_significant_increasing, percent_decreasing_faster_than_threshold, percent_increasing_faster_than_threshold, threshold (units per year).</source>
        <translation>CSV，一行，含设置以及下降和上升像元的面积占比（第 3.1 节）：start_year, end_year, method, alpha, fdr, pixels, mean_slope（面积加权，单位/年）, mean_slope_unweighted, percent_decreasing（占有效面积的百分比，面积加权）, percent_increasing, percent_significant_decreasing, percent_significant_increasing, percent_decreasing_faster_than_threshold, percent_increasing_faster_than_threshold, threshold（单位/年）。</translation>
    </message>
    <message>
        <source>5 Sen&apos;s slope, Mann-Kendall</source>
        <translation>5 Sen 斜率与 Mann-Kendall 检验</translation>
    </message>
    <message>
        <source>The intercept is the Sen line's value at the first year of the period (Conover): line = intercept + slope × (year − first year).</source>
        <translation>截距为 Sen 趋势线在时段第一年的取值（Conover 方法）：趋势线 = 截距 + 斜率 × (年份 − 第一年)。</translation>
    </message>
    <message>
        <source>The band trend is -1 (significant decrease), 0 (none) or +1 (significant increase). Significant means |z| &gt; z&lt;sub&gt;1−α/2&lt;/sub&gt;, i.e. p &lt; α, with α the {ALPHA}; with {FDR}, the Benjamini-Hochberg q-value over all valid pixels of the output must be ≤ α (band q_value).</source>
        <translation>trend 波段取值为 -1（显著减少）、0（无显著趋势）或 +1（显著增加）。显著指 |z| &gt; z&lt;sub&gt;1−α/2&lt;/sub&gt;，即 p &lt; α，其中 α 为{ALPHA}；启用{FDR} 时，还要求基于输出中全部有效像元计算的 Benjamini-Hochberg q 值 ≤ α（波段 q_value）。</translation>
    </message>
    <message>
        <source>The {SUMMARY} (CSV, one row) gives, as in section 3.1 of the paper, the number of pixels, the area-weighted (cos latitude) and unweighted mean slope, and the percent of area decreasing, increasing, significantly decreasing/increasing, and decreasing/increasing faster than the {THRESHOLD}. The {OUTPUT} is styled by slope; its p-value (break at α) and trend-class styles are offered as alternative layer styles (and as .p_value.qml, .trend.qml files).</source>
        <translation>{SUMMARY}（CSV，一行）参照论文第 3.1 节，给出像元数、面积加权（按纬度余弦）与未加权的平均斜率，以及呈减少、增加、显著减少/增加、减少/增加速率超过{THRESHOLD} 的面积百分比。{OUTPUT} 按斜率渲染；p 值样式（以 α 为分界）和趋势类别样式作为备选图层样式提供（同时保存为 .p_value.qml、.trend.qml 文件）。</translation>
    </message>
    <message>
        <source>Annual total soil moisture (or any labelled stack)</source>
        <translation>年总土壤水分（或任一带标签的数据栈）</translation>
    </message>
    <message>
        <source>Confidence of the slope interval</source>
        <translation>斜率置信区间的置信水平</translation>
    </message>
    <message>
        <source>Confidence level of the bands slope_lower and slope_upper (Gilbert 1987); 0: no interval bands.</source>
        <translation>波段 slope_lower 和 slope_upper 的置信水平（Gilbert 1987）；0：不输出区间波段。</translation>
    </message>
    <message>
        <source>GeoTIFF, bands %s, then %s unless {CONFIDENCE} is 0 (slope and its interval in the input&apos;s units per year; q_value only with {FDR}).</source>
        <translation>GeoTIFF，波段 %s，除非 {CONFIDENCE} 为 0，其后还有 %s（斜率及其区间的单位为输入的单位/年；q_value 仅在启用 {FDR} 时输出）。</translation>
    </message>
    <message>
        <source>Per pixel, the Theil-Sen slope (units per year) and the Mann-Kendall trend test of a labelled stack: yearly (bands YYYY, e.g. the annual total soil moisture of &apos;Classify wetness seasons&apos;), seasonal (bands &apos;YYYY H-S&apos;; choose the {SEASON}) or monthly (bands YYYY-MM, made into years as {AGGREGATE} says; a year with a missing month is missing; with the seasonal Kendall {METHOD} the months themselves).</source>
        <translation>逐像元计算带标签数据栈的 Theil-Sen 斜率（单位/年）和 Mann-Kendall 趋势检验：年数据栈（波段 YYYY，如“划分湿度季节”输出的年总土壤水分）、季节数据栈（波段 'YYYY H-S'；需选择 {SEASON}）或月数据栈（波段 YYYY-MM，按 {AGGREGATE} 的设置汇总为年值；缺少任一月份的年份视为缺测；若 {METHOD} 为季节 Kendall 检验，则直接使用各月数据）。</translation>
    </message>
    <message>
        <source>The original test (the default {METHOD}) is exactly pymannkendall's original_test: S over pairs of valid years (missing years skipped), tie-corrected variance, continuity correction, normal approximation, two-sided p = 2(1 − Φ(|z|)), τ = S / (n(n − 1)/2). Sen's slope is the exact median over pairs of valid years of the difference divided by their distance in years (found by counting rather than sorting: the same number, faster). Missing years are nodata (NaN; infinite values count as missing too).</source>
        <translation>原始检验（默认的 {METHOD}）与 pymannkendall 的 original_test 完全一致：S 基于有效年份的两两配对计算（跳过缺测年份），方差经结校正，采用连续性校正和正态近似，双侧 p = 2(1 − Φ(|z|))，τ = S / (n(n − 1)/2)。Sen 斜率为有效年份两两之间的差值除以其年份间隔后的精确中位数（通过计数而非排序求得：结果相同，但更快）。缺测年份为无数据值（NaN；无穷值也视为缺测）。</translation>
    </message>
    <message>
        <source>For autocorrelated series, the four modified tests of {METHOD} (vectorised, about as fast as the original) equal pymannkendall's: Hamed-Rao (1998) multiplies Var(S) by 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) r&lt;sub&gt;i&lt;/sub&gt; over the lags i whose autocorrelation r&lt;sub&gt;i&lt;/sub&gt; of the ranks of the series detrended by Sen's slope is significant at the {ALPHA}; Yue-Wang (2004) by 1 + 2 Σ (1 − i/n) r&lt;sub&gt;i&lt;/sub&gt;, r of the detrended series, all lags; pre-whitening (Yue and Wang 2002) tests x&lt;sub&gt;t&lt;/sub&gt; − r&lt;sub&gt;1&lt;/sub&gt; x&lt;sub&gt;t−1&lt;/sub&gt; (n − 1 values: S, τ and Var(S) are theirs); trend-free pre-whitening (Yue et al. 2002) removes Sen's trend, pre-whitens and puts the trend back. Slope and intercept are Sen's of the series, as for the original test. Where pymannkendall 1.4.3 is wrong, TSMV follows the fixes of pymannkendall's master branch (unreleased in 1.4.3): issue #29, Hamed-Rao uses the absolute value of the sum, so its Var(S) is never below the uncorrected one (1.4.3 lets negative autocorrelation shrink it, and can make it negative: z and p NaN); issue #32, the autocorrelation of a constant series is 0, not 0/0. With missing years, as pymannkendall, the modified tests use the valid years in order as if consecutive (the autocorrelation, the pre-whitening and the detrending count valid years); Sen's slope uses the real years.</source>
        <translation>对于存在自相关的序列，{METHOD} 中的四种修正检验（向量化实现，速度与原始检验相当）与 pymannkendall 的结果一致：Hamed-Rao (1998) 将 Var(S) 乘以 1 + 2/(n(n−1)(n−2)) Σ (n−i)(n−i−1)(n−i−2) r&lt;sub&gt;i&lt;/sub&gt;，求和遍及这样的滞后 i：经 Sen 斜率去趋势后序列之秩的自相关系数 r&lt;sub&gt;i&lt;/sub&gt; 在 {ALPHA} 下显著；Yue-Wang (2004) 将其乘以 1 + 2 Σ (1 − i/n) r&lt;sub&gt;i&lt;/sub&gt;，r 为去趋势序列的自相关系数，遍及所有滞后；预白化 (Yue and Wang 2002) 检验 x&lt;sub&gt;t&lt;/sub&gt; − r&lt;sub&gt;1&lt;/sub&gt; x&lt;sub&gt;t−1&lt;/sub&gt;（n − 1 个值：S、τ 和 Var(S) 均基于这些值）；无趋势预白化 (Yue et al. 2002) 先去除 Sen 趋势，再预白化，然后将趋势加回。斜率和截距与原始检验相同，均为该序列的 Sen 估计值。在 pymannkendall 1.4.3 有误之处，TSMV 采用 pymannkendall master 分支中的修复（1.4.3 中尚未发布）：issue #29，Hamed-Rao 使用求和项的绝对值，因此其 Var(S) 绝不小于未校正的值（1.4.3 允许负自相关使其减小，甚至可能使其为负：z 和 p 为 NaN）；issue #32，常数序列的自相关为 0，而不是 0/0。存在缺测年份时，修正检验与 pymannkendall 一样，将有效年份按顺序视为连续年份（自相关、预白化和去趋势均按有效年份计数）；Sen 斜率则使用真实年份。</translation>
    </message>
    <message>
        <source>The seasonal Kendall test ({METHOD} 5, Hirsch, Slack and Smith 1982) needs a monthly stack (other stacks are refused) and then ignores {AGGREGATE}: it tests each calendar month's series over the years and adds them up, so a seasonal cycle does not hide a trend and no months are averaged away. It equals pymannkendall's seasonal_test(x, period=12): S and Var(S) are the sums of the 12 months' S and tie-corrected Var(S) (each month's valid years), τ = S / the sum of the months' pairs; the slope (per year) is the median of the pairwise slopes within each month pooled over the months (the seasonal Sen slope) and the intercept the line's value at January of the first year. A pixel counts its valid years as the years with at least one valid month; missing months are skipped.</source>
        <translation>季节 Kendall 检验（{METHOD} 5，Hirsch, Slack and Smith 1982）需要月数据栈（其他数据栈将被拒绝），并且此时忽略 {AGGREGATE}：它对每个日历月的逐年序列分别检验并将结果相加，因此季节循环不会掩盖趋势，也不会有月份因求平均而被抹去。它与 pymannkendall 的 seasonal_test(x, period=12) 一致：S 和 Var(S) 分别为 12 个月的 S 与经结校正的 Var(S) 之和（各月使用其有效年份），τ = S / 各月配对数之和；斜率（每年）为各月内两两斜率合并后的中位数（季节 Sen 斜率），截距为该直线在第一年 1 月的取值。像元的有效年数为至少有一个有效月份的年数；缺测月份被跳过。</translation>
    </message>
    <message>
        <source>A pixel with fewer valid years than {MIN_YEARS} is NaN in every band. A constant series has slope 0, S 0, z 0, p 1 in every {METHOD} (as pymannkendall&apos;s original test).</source>
        <translation>有效年数少于 {MIN_YEARS} 的像元在所有波段中均为 NaN。对任一 {METHOD}，常数序列的斜率为 0，S 为 0，z 为 0，p 为 1（与 pymannkendall 的原始检验相同）。</translation>
    </message>
    <message>
        <source>The bands slope_lower and slope_upper bound Sen's slope with the {CONFIDENCE} (default 0.95; 0 leaves them out): a pixel whose interval excludes 0 has a trend of known sign at that confidence, and its width says how well the rate is known. They are the ordered pairwise slopes of ranks (N′ − C)/2 and (N′ + C)/2 + 1, N′ the number of pairs of valid years and C = z&lt;sub&gt;1−(1−confidence)/2&lt;/sub&gt; · √Var(S) with the Var(S) of the {METHOD} (Gilbert 1987, Statistical Methods for Environmental Pollution Monitoring, section 16.5; for the seasonal Kendall test the N′ pairwise slopes within the months and the sum of the months' Var(S), section 17.3.3). The ranks are rounded to whole numbers as R's trend::sens.slope rounds them (halves to even); where they fall outside 1..N′ (few years, high confidence) both bands are NaN.</source>
        <translation>波段 slope_lower 和 slope_upper 按 {CONFIDENCE}（默认 0.95；0 表示不输出）给出 Sen 斜率的下界和上界：区间不含 0 的像元在该置信水平下具有符号确定的趋势，区间宽度则说明变化速率的确定程度。二者为按大小排列的两两斜率中秩为 (N′ − C)/2 和 (N′ + C)/2 + 1 的值，N′ 为有效年份的配对数，C = z&lt;sub&gt;1−(1−confidence)/2&lt;/sub&gt; · √Var(S)，其中 Var(S) 为所选 {METHOD} 的方差（Gilbert 1987, Statistical Methods for Environmental Pollution Monitoring, 第 16.5 节；对季节 Kendall 检验，使用各月内的 N′ 个两两斜率以及各月 Var(S) 之和，第 17.3.3 节）。秩按 R 的 trend::sens.slope 的方式取整（恰为一半时取偶数）；若秩落在 1..N′ 之外（年数少、置信水平高），两个波段均为 NaN。</translation>
    </message>
    <message>
        <source>For a monthly stack: how the 12 months of a year make its value (not used by the seasonal Kendall {METHOD}).</source>
        <translation>用于月数据栈：如何由一年的 12 个月得到该年的值（{METHOD} 为季节 Kendall 检验时不使用）。</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原始检验</translation>
    </message>
    <message>
        <source>Hamed-Rao</source>
        <translation>Hamed-Rao 修正</translation>
    </message>
    <message>
        <source>Yue-Wang</source>
        <translation>Yue-Wang 修正</translation>
    </message>
    <message>
        <source>Pre-whitening</source>
        <translation>预白化</translation>
    </message>
    <message>
        <source>Trend-free pre-whitening</source>
        <translation>无趋势预白化</translation>
    </message>
    <message>
        <source>Seasonal Kendall (monthly stacks)</source>
        <translation>季节 Kendall 检验（月数据栈）</translation>
    </message>
    <message>
        <source>Original: the test as in the paper. 1-4: pymannkendall&apos;s modified tests for autocorrelated series. 5: the seasonal Kendall test of a monthly stack (each month over the years; {AGGREGATE} is not used).</source>
        <translation>原始检验：论文所用的检验。1-4：pymannkendall 针对自相关序列的修正检验。5：月数据栈的季节 Kendall 检验（逐月检验各年序列；不使用 {AGGREGATE}）。</translation>
    </message>
</context>
<context>
    <name>TsmvAlgorithm</name>
    <message>
        <source>What TSMV guarantees:</source>
        <translation>TSMV 的保证：</translation>
    </message>
    <message>
        <source>Inputs are never modified: an output on an input, or two outputs on one file, is refused before any work.</source>
        <translation>绝不修改输入：若某个输出指向输入文件，或两个输出指向同一文件，将在开始处理前拒绝运行。</translation>
    </message>
    <message>
        <source>Raster inputs must be geographic WGS 84 (EPSG:4326); a GeoTIFF without a CRS is taken as EPSG:4326 when its extent is in degrees; any other CRS is refused (reproject with gdalwarp -t_srs EPSG:4326).</source>
        <translation>栅格输入必须为 WGS 84 地理坐标系（EPSG:4326）；没有坐标参考系 (CRS) 的 GeoTIFF，若其范围以度为单位，则视为 EPSG:4326；其他任何坐标参考系都将被拒绝（请用 gdalwarp -t_srs EPSG:4326 重投影）。</translation>
    </message>
    <message>
        <source>Stacks are read by band label, in any band order; a label used twice is refused.</source>
        <translation>数据栈按波段标签读取，波段顺序不限；同一标签出现两次时将被拒绝。</translation>
    </message>
    <message>
        <source>Start year</source>
        <translation>起始年份</translation>
    </message>
    <message>
        <source>End year</source>
        <translation>结束年份</translation>
    </message>
    <message>
        <source>%s failed unexpectedly (%s: %s); no output was written. Please report this with the log</source>
        <translation>%s 意外失败（%s: %s）；未写出任何输出。请将此问题连同日志一并报告</translation>
    </message>
    <message>
        <source>%s %s: the file does not exist</source>
        <translation>%s %s：文件不存在</translation>
    </message>
    <message>
        <source>%s must be a raster file (GeoTIFF), not a %s layer</source>
        <translation>%s 必须为栅格文件（GeoTIFF），而不是 %s 图层</translation>
    </message>
    <message>
        <source>%s: %d of %d values masked (%.4f%%; %d below 0 kg m-2, %d above %g kg m-2)</source>
        <translation>%s：已掩膜 %d 个值（共 %d 个，占 %.4f%%；%d 个低于 0 kg m-2，%d 个高于 %g kg m-2）</translation>
    </message>
    <message>
        <source>Method: %s</source>
        <translation>方法：%s</translation>
    </message>
    <message>
        <source>Rank months by</source>
        <translation>月份排序依据</translation>
    </message>
    <message>
        <source>Total profile (sum of the four layers)</source>
        <translation>整个剖面（四层之和）</translation>
    </message>
    <message>
        <source>Each layer on its own</source>
        <translation>各土层分别排序</translation>
    </message>
    <message>
        <source>Which soil moisture decides the month order of each pixel-year.</source>
        <translation>用哪种土壤水分决定每个像元-年的月份排序。</translation>
    </message>
    <message>
        <source>Season codes</source>
        <translation>季节代码</translation>
    </message>
    <message>
        <source>GeoTIFF, one band per month labelled YYYY-MM: the season code of the month from the total profile (1 H-S, 2 SH-S, 3 SA-S, 4 A-S).</source>
        <translation>GeoTIFF，每月一个波段，标签为 YYYY-MM：由整个剖面确定的该月季节代码（1 H-S，2 SH-S，3 SA-S，4 A-S）。</translation>
    </message>
    <message>
        <source>Season codes of each layer</source>
        <translation>各土层季节代码</translation>
    </message>
    <message>
        <source>Only with {RANK_BY} set to &apos;Each layer on its own&apos; (otherwise not written): GeoTIFF with the season codes (1-4) of every layer, bands &apos;YYYY-MM 0-10 cm&apos; ... &apos;YYYY-MM 100-200 cm&apos;, layer by layer.</source>
        <translation>仅当{RANK_BY} 为“各土层分别排序”时输出（否则不写出）：各土层季节代码（1-4）的 GeoTIFF，按土层依次为波段 'YYYY-MM 0-10 cm' ... 'YYYY-MM 100-200 cm'。</translation>
    </message>
    <message>
        <source>Annual total soil moisture</source>
        <translation>年总土壤水分</translation>
    </message>
    <message>
        <source>GeoTIFF, kg m-2, one band per year labelled YYYY: the sum over the four layers of the annual mean.</source>
        <translation>GeoTIFF，kg m-2，每年一个波段，标签为 YYYY：四个土层年均值之和。</translation>
    </message>
    <message>
        <source>Seasons of %d years (%d-%d) for %d pixels with data</source>
        <translation>已划分 %d 年（%d-%d）的季节，有数据的像元 %d 个</translation>
    </message>
    <message>
        <source>Inputs are checked against what TSMV recorded when it wrote them: what a stack holds, its soil layer (a 100-200 cm stack given as the 0-10 cm one is refused), its period, how its seasons were ranked and the GLDAS version of each band. Every output records the run that made it and the runs of its inputs (metadata TSMV_RUN, TSMV_SOURCES), so inputs that must come from one chain are matched: the seasonal stacks with their season codes and annual total soil moisture, a correlation&apos;s r with its p, and a report&apos;s trends, attributions and tables period by period (tables by their numbers). A mismatch is refused naming both files. A stack made by another tool records none of this: its labels, grid and values are checked, its layer and origin cannot be.</source>
        <translation>输入会与 TSMV 写入时的记录核对：栈的内容、土层（把 100-200 cm 的栈当作 0-10 cm 输入将被拒绝）、时段、季节的排序方式以及每个波段的 GLDAS 版本。每个输出都记录生成它的运行及其输入所来自的运行（元数据 TSMV_RUN、TSMV_SOURCES），因此必须来自同一处理链的输入会被相互匹配：季节栈与其季节代码和年总土壤水分、相关分析的 r 与其 p、报告中各时段的趋势、归因和表格（表格按其数值核对）。不匹配时将被拒绝，并给出两个文件的名称。其他工具生成的栈没有这些记录：只检查其标签、网格和数值，无法检查其土层和来源。</translation>
    </message>
    <message>
        <source>%s Range: %s to %s.</source>
        <translation>%s 范围：%s 至 %s。</translation>
    </message>
    <message>
        <source>%s Range: %s or more.</source>
        <translation>%s 范围：%s 或以上。</translation>
    </message>
    <message>
        <source>Outputs appear whole or not at all: every file is written under a temporary name in its folder, checked, and renamed into place only when all are complete; if a rename fails, the files already renamed are put back as they were; after an error, a cancel, SIGINT, SIGHUP or SIGTERM no requested file is created or changed and no temporary is left (a missing output folder is created, and removed again if the run fails); a run out of memory is refused saying what to make smaller.</source>
        <translation>输出要么完整，要么不存在：每个文件先以临时名称写入其所在文件夹并经过检查，所有文件都完成后才重命名到位；如果某次重命名失败，已重命名的文件会恢复原状；出错、取消、SIGINT、SIGHUP 或 SIGTERM 之后，不会创建或更改任何请求的文件，也不会留下临时文件（缺失的输出文件夹会被创建，运行失败时再删除）；内存不足的运行将被拒绝，并说明应缩小什么。</translation>
    </message>
    <message>
        <source>Maximum for %s (kg m-2)</source>
        <translation>%s 的上限（kg m-2）</translation>
    </message>
    <message>
        <source>Values above this (kg m-2) in %s become NaN; a value equal to it is kept. Empty: the product&apos;s maximum (see above).</source>
        <translation>%s 中高于此值（kg m-2）的值变为 NaN；等于此值的保留。留空：产品的上限（见上文）。</translation>
    </message>
    <message>
        <source>Values above this (kg m-2) in the %s layer become NaN; a value equal to it is kept.</source>
        <translation>%s 土层中高于此值（kg m-2）的值变为 NaN；等于此值的保留。</translation>
    </message>
    <message>
        <source>Seasonal soil moisture %s</source>
        <translation>%s 季节土壤水分</translation>
    </message>
    <message>
        <source>GeoTIFF, kg m-2: the mean of the %s layer over each season&apos;s three months, bands &apos;YYYY H-S&apos;, &apos;YYYY SH-S&apos;, &apos;YYYY SA-S&apos;, &apos;YYYY A-S&apos; year by year.</source>
        <translation>GeoTIFF，kg m-2：%s 土层在每个季节三个月内的平均值，波段逐年为 'YYYY H-S'、'YYYY SH-S'、'YYYY SA-S'、'YYYY A-S'。</translation>
    </message>
    <message>
        <source>1 Data</source>
        <translation>1 数据</translation>
    </message>
    <message>
        <source>2 Soil moisture</source>
        <translation>2 土壤水分</translation>
    </message>
    <message>
        <source>3 Ecosystems and GPP</source>
        <translation>3 生态系统与 GPP</translation>
    </message>
    <message>
        <source>4 Report</source>
        <translation>4 报告</translation>
    </message>
    <message>
        <source>%s is required (%s) and was not given</source>
        <translation>%s 为必填参数（%s），但未给出</translation>
    </message>
    <message>
        <source>%s %s is not one of its choices: %s</source>
        <translation>%s %s 不是其可选项之一：%s</translation>
    </message>
    <message>
        <source>%s %s is not a value it accepts (%s)</source>
        <translation>%s %s 不是可接受的值（%s）</translation>
    </message>
    <message>
        <source>%s Empty: taken from the run that wrote the first layer&apos;s stack.</source>
        <translation>%s 留空：取自写出第一个土层数据栈的那次运行。</translation>
    </message>
</context>
<context>
    <name>TsmvModel</name>
    <message>
        <source>GLDAS-Noah folder</source>
        <translation>GLDAS-Noah 文件夹</translation>
    </message>
    <message>
        <source>Folder of GLDAS-Noah monthly files (V2.0 and V2.1, 1.0 or 0.25 degree, NetCDF4), searched with its subfolders.</source>
        <translation>GLDAS-Noah 月度文件所在的文件夹（V2.0 和 V2.1，1.0° 或 0.25°，NetCDF4），连同其子文件夹一并搜索。</translation>
    </message>
    <message>
        <source>Period A: first year</source>
        <translation>时段 A：起始年份</translation>
    </message>
    <message>
        <source>First year of period A (the paper: 1948).</source>
        <translation>时段 A 的起始年份（论文中为 1948）。</translation>
    </message>
    <message>
        <source>Period A: last year</source>
        <translation>时段 A：结束年份</translation>
    </message>
    <message>
        <source>Last year of period A (the paper: 1999).</source>
        <translation>时段 A 的结束年份（论文中为 1999）。</translation>
    </message>
    <message>
        <source>Period B: first year</source>
        <translation>时段 B：起始年份</translation>
    </message>
    <message>
        <source>First year of period B (the paper: 2000).</source>
        <translation>时段 B 的起始年份（论文中为 2000）。</translation>
    </message>
    <message>
        <source>Period B: last year</source>
        <translation>时段 B：结束年份</translation>
    </message>
    <message>
        <source>Last year of period B (the paper: 2024).</source>
        <translation>时段 B 的结束年份（论文中为 2024）。</translation>
    </message>
    <message>
        <source>MCD12C1 land cover (HDF4 or GeoTIFF)</source>
        <translation>MCD12C1 土地覆盖（HDF4 或 GeoTIFF）</translation>
    </message>
    <message>
        <source>MODIS MCD12C1 IGBP land cover: an .hdf file, or a GeoTIFF on its 0.05 degree grid.</source>
        <translation>MODIS MCD12C1 IGBP 土地覆盖：.hdf 文件，或位于其 0.05° 网格上的 GeoTIFF。</translation>
    </message>
    <message>
        <source>GOSIF GPP folder</source>
        <translation>GOSIF GPP 文件夹</translation>
    </message>
    <message>
        <source>Folder of GOSIF GPP v2 files (8-day or monthly, .tif or .tif.gz).</source>
        <translation>GOSIF GPP v2 文件所在的文件夹（8 天或月度，.tif 或 .tif.gz）。</translation>
    </message>
    <message>
        <source>Trend, period A</source>
        <translation>趋势，时段 A</translation>
    </message>
    <message>
        <source>Attribution, period A</source>
        <translation>归因，时段 A</translation>
    </message>
    <message>
        <source>Trend, period B</source>
        <translation>趋势，时段 B</translation>
    </message>
    <message>
        <source>Attribution, period B</source>
        <translation>归因，时段 B</translation>
    </message>
    <message>
        <source>Ecosystems from land cover</source>
        <translation>由土地覆盖划分生态系统</translation>
    </message>
    <message>
        <source>GPP on the soil-moisture grid</source>
        <translation>土壤水分网格上的 GPP</translation>
    </message>
    <message>
        <source>Correlation with GPP</source>
        <translation>与 GPP 的相关分析</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Quality-controlled soil moisture 0-10 cm (kg m-2)</source>
        <translation>质量控制后的 0-10 cm 土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Quality-controlled soil moisture 10-40 cm (kg m-2)</source>
        <translation>质量控制后的 10-40 cm 土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Quality-controlled soil moisture 40-100 cm (kg m-2)</source>
        <translation>质量控制后的 40-100 cm 土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Quality-controlled soil moisture 100-200 cm (kg m-2)</source>
        <translation>质量控制后的 100-200 cm 土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Quality-control table</source>
        <translation>质量控制表</translation>
    </message>
    <message>
        <source>Season of each month (code 1-4)</source>
        <translation>各月所属季节（代码 1-4）</translation>
    </message>
    <message>
        <source>Annual total soil moisture (kg m-2)</source>
        <translation>年总土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Seasonal soil moisture 0-10 cm (kg m-2)</source>
        <translation>0-10 cm 季节土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Seasonal soil moisture 10-40 cm (kg m-2)</source>
        <translation>10-40 cm 季节土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Seasonal soil moisture 40-100 cm (kg m-2)</source>
        <translation>40-100 cm 季节土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Seasonal soil moisture 100-200 cm (kg m-2)</source>
        <translation>100-200 cm 季节土壤水分（kg m-2）</translation>
    </message>
    <message>
        <source>Trend of TSM, period A (kg m-2 per year)</source>
        <translation>TSM 趋势，时段 A（kg m-2/年）</translation>
    </message>
    <message>
        <source>Trend summary, period A (table)</source>
        <translation>趋势汇总，时段 A（表）</translation>
    </message>
    <message>
        <source>Contributions by season, period A (% of Var(TSM))</source>
        <translation>各季节贡献，时段 A（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contributions by depth, period A (% of Var(TSM))</source>
        <translation>各深度贡献，时段 A（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contributions by dynamic, period A (% of Var(TSM))</source>
        <translation>各动态类型贡献，时段 A（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Dominant components, period A (code, % of Var(TSM))</source>
        <translation>主导分量，时段 A（代码，占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Attribution table, period A</source>
        <translation>归因表，时段 A</translation>
    </message>
    <message>
        <source>Trend of TSM, period B (kg m-2 per year)</source>
        <translation>TSM 趋势，时段 B（kg m-2/年）</translation>
    </message>
    <message>
        <source>Trend summary, period B (table)</source>
        <translation>趋势汇总，时段 B（表）</translation>
    </message>
    <message>
        <source>Contributions by season, period B (% of Var(TSM))</source>
        <translation>各季节贡献，时段 B（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contributions by depth, period B (% of Var(TSM))</source>
        <translation>各深度贡献，时段 B（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contributions by dynamic, period B (% of Var(TSM))</source>
        <translation>各动态类型贡献，时段 B（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Dominant components, period B (code, % of Var(TSM))</source>
        <translation>主导分量，时段 B（代码，占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Attribution table, period B</source>
        <translation>归因表，时段 B</translation>
    </message>
    <message>
        <source>Monthly GPP (g C m-2 per day)</source>
        <translation>月 GPP（g C m-2 d-1）</translation>
    </message>
    <message>
        <source>Correlation p-value</source>
        <translation>相关的 p 值</translation>
    </message>
    <message>
        <source>Correlation table by ecosystem</source>
        <translation>分生态系统相关分析表</translation>
    </message>
    <message>
        <source>Report (HTML)</source>
        <translation>报告（HTML）</translation>
    </message>
    <message>
        <source>Runs the TSMV soil-moisture chain on a folder of GLDAS-Noah monthly files, as in Li et al. (2025): import, quality control, wetness seasons, then for each of two periods the trend of total soil moisture and the attribution of its variability, and an HTML report of it all.</source>
        <translation>按照 Li et al. (2025) 的方法，对存放 GLDAS-Noah 月度文件的文件夹运行 TSMV 土壤水分处理流程：导入、质量控制、划分湿度季节，然后针对两个时段分别计算总土壤水分的趋势并对其变率进行归因，最后生成涵盖全部结果的 HTML 报告。</translation>
    </message>
    <message>
        <source>Runs the whole TSMV chain, as in Li et al. (2025): the soil-moisture chain (import, quality control, wetness seasons, trend and attribution for two periods), the ecosystems of MODIS land cover, GOSIF GPP on the same grid and the correlation of seasonal soil moisture with GPP, and an HTML report of it all.</source>
        <translation>按照 Li et al. (2025) 的方法运行 TSMV 完整处理流程：土壤水分处理流程（导入、质量控制、划分湿度季节，以及两个时段的趋势与归因）、基于 MODIS 土地覆盖的生态系统、同一网格上的 GOSIF GPP、季节土壤水分与 GPP 的相关分析，以及涵盖全部结果的 HTML 报告。</translation>
    </message>
    <message>
        <source>Give the folder of GLDAS-Noah files ({GLDAS}) and the first and last years of the two periods ({START_A} to {END_A}, {START_B} to {END_B}); the paper compares 1948-1999 with 2000-2024.</source>
        <translation>请指定 {GLDAS}，以及两个时段的起止年份（{START_A} 至{END_A}，{START_B} 至{END_B}）；论文比较的是 1948-1999 年与 2000-2024 年。</translation>
    </message>
    <message>
        <source>The ecosystems come from MODIS MCD12C1 land cover ({LANDCOVER}), regrouped into forests, shrublands, grasslands and croplands on the soil-moisture grid; GPP from the GOSIF files ({GOSIF}), averaged to the same grid and months.</source>
        <translation>生态系统来自 MODIS MCD12C1 土地覆盖（{LANDCOVER}），在土壤水分网格上归并为森林、灌丛、草地和农田；GPP 来自 GOSIF 文件（{GOSIF}），平均到同一网格和月份。</translation>
    </message>
    <message>
        <source>When the run ends, the report, the trends of both periods, their dominant components, the ecosystems and the correlation r are loaded into the project, each with its TSMV style.</source>
        <translation>运行结束后，报告、两个时段的趋势及其主导分量、生态系统和相关系数 r 会加载到项目中，并各自应用 TSMV 样式。</translation>
    </message>
    <message>
        <source>When the run ends, the report, the trends of both periods and their dominant components are loaded into the project, each with its TSMV style.</source>
        <translation>运行结束后，报告、两个时段的趋势及其主导分量会加载到项目中，并各自应用 TSMV 样式。</translation>
    </message>
    <message>
        <source>Every other output is set to Skip output: its step writes it to a temporary file, which is not loaded. Choose a file for an output to keep it.</source>
        <translation>其他输出均设为“忽略输出”：相应步骤将其写入临时文件，但不加载。如需保留某个输出，请为其指定文件。</translation>
    </message>
    <message>
        <source>Each step is one TSMV algorithm with its default settings; its own help says what it computes and which choices it makes. To change a setting (for example the significance level of the trend), run the algorithms one by one, or edit a copy of this model in the Graphical Modeler.</source>
        <translation>每一步都是一个采用默认设置的 TSMV 算法；其计算内容和内置约定见该算法自身的帮助。如需更改设置（例如趋势检验的显著性水平），请逐个运行各算法，或在模型构建器中编辑本模型的副本。</translation>
    </message>
    <message>
        <source>Contributions by component, period A (% of Var(TSM))</source>
        <translation>各分量贡献，时段 A（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contribution per unit of storage (omega), period A</source>
        <translation>单位储水量贡献（omega），时段 A</translation>
    </message>
    <message>
        <source>Contributions by component, period B (% of Var(TSM))</source>
        <translation>各分量贡献，时段 B（占 Var(TSM) 的百分比）</translation>
    </message>
    <message>
        <source>Contribution per unit of storage (omega), period B</source>
        <translation>单位储水量贡献（omega），时段 B</translation>
    </message>
    <message>
        <source>Ecosystems (code 1-4)</source>
        <translation>生态系统（代码 1-4）</translation>
    </message>
    <message>
        <source>Correlation of soil moisture with GPP (Pearson r)</source>
        <translation>土壤水分与 GPP 的相关（皮尔逊 r）</translation>
    </message>
    <message>
        <source>Correlation of root-zone soil moisture (10-100 cm) with GPP (Pearson r)</source>
        <translation>根区（10-100 cm）土壤水分与 GPP 的相关（皮尔逊 r）</translation>
    </message>
    <message>
        <source>Root-zone correlation p-value (10-100 cm)</source>
        <translation>根区（10-100 cm）相关的 p 值</translation>
    </message>
    <message>
        <source>Import GLDAS-Noah: quality control, seasons</source>
        <translation>导入 GLDAS-Noah：质量控制、季节划分</translation>
    </message>
    <message>
        <source>A run is all or nothing: if a step fails, or the run is canceled or stopped, the files the finished steps wrote are taken back, so no requested file is created or changed (a file that was there before comes back as it was).</source>
        <translation>一次运行要么全部完成，要么什么也不留下：如果某一步失败，或运行被取消或停止，已完成步骤写出的文件会被撤回，因此不会创建或更改任何请求的文件（原先存在的文件恢复原状）。</translation>
    </message>
    <message>
        <source>Before its first step the model refuses, naming its own parameters, what a later step would refuse after the earlier ones had worked: two outputs on one file, an output that cannot be written where it is asked for, and a period that runs backwards or is shorter than the trend&apos;s minimum (8 years).</source>
        <translation>在第一步之前，模型会以其自身的参数名拒绝那些在前面各步完成后才会被后续步骤拒绝的情况：两个输出指向同一文件、某个输出无法写到所要求的位置，以及时段首尾颠倒或短于趋势分析的最低年数（8 年）。</translation>
    </message>
    <message>
        <source>GLDAS-Noah folder (downloaded into, kept)</source>
        <translation>GLDAS-Noah 文件夹（下载到此处并保留）</translation>
    </message>
    <message>
        <source>Folder the GLDAS-Noah monthly files are downloaded into (made if missing), then read from. It is kept: a second run fetches only the files still missing.</source>
        <translation>GLDAS-Noah 月度文件下载到此文件夹（不存在时自动创建），随后从中读取。该文件夹会保留：再次运行时只获取仍缺少的文件。</translation>
    </message>
    <message>
        <source>Earthdata Login</source>
        <translation>Earthdata Login 登录</translation>
    </message>
    <message>
        <source>A QGIS authentication configuration: Basic (Earthdata username and password) or API Header (Authorization: Bearer and your Earthdata token). Empty: the environment variables or ~/.netrc.</source>
        <translation>QGIS 认证配置：Basic（Earthdata 用户名和密码）或 API Header（Authorization: Bearer 加上您的 Earthdata 令牌）。留空：使用环境变量或 ~/.netrc。</translation>
    </message>
    <message>
        <source>CMR address</source>
        <translation>CMR 地址</translation>
    </message>
    <message>
        <source>NASA&apos;s Common Metadata Repository; change it only for a mirror or a test.</source>
        <translation>NASA 的通用元数据库（CMR）；仅在使用镜像或测试时修改。</translation>
    </message>
    <message>
        <source>Download GLDAS-Noah monthly 1.0 degree</source>
        <translation>下载 GLDAS-Noah 1.0° 月度数据</translation>
    </message>
    <message>
        <source>Download manifest (table)</source>
        <translation>下载清单（表）</translation>
    </message>
    <message>
        <source>Downloads the GLDAS-Noah monthly 1.0 degree files of both periods from NASA (tsmv:download) into a folder you name and keep, then runs the soil-moisture chain on that folder: import, quality control, wetness seasons, the trend and attribution for two periods, and an HTML report of it all.</source>
        <translation>从 NASA 下载两个时段的 GLDAS-Noah 1.0° 月度文件（tsmv:download）到您指定并保留的文件夹，然后对该文件夹运行土壤水分处理流程：导入、质量控制、划分湿度季节、两个时段的趋势与归因，以及涵盖全部结果的 HTML 报告。</translation>
    </message>
    <message>
        <source>Name a folder for the GLDAS-Noah files ({GLDAS}) and give the first and last years of the two periods ({START_A} to {END_A}, {START_B} to {END_B}); the paper compares 1948-1999 with 2000-2024. The first step downloads the GLDAS-Noah monthly 1.0 degree files of every year from the earlier start to the later end (V2.0 before 2000, V2.1 from 2000, as in the paper) into that folder; the import then reads it.</source>
        <translation>请为 GLDAS-Noah 文件指定一个文件夹（{GLDAS}），并给出两个时段的起止年份（{START_A} 至{END_A}，{START_B} 至{END_B}）；论文比较的是 1948-1999 年与 2000-2024 年。第一步将从较早的起始年份到较晚的结束年份之间每一年的 GLDAS-Noah 1.0° 月度文件下载到该文件夹（与论文一致，2000 年以前用 V2.0，2000 年起用 V2.1）；随后由导入步骤读取该文件夹。</translation>
    </message>
    <message>
        <source>The folder is yours and stays: it is not a temporary folder. A second run with the same folder fetches only what is missing (complete files are not fetched again), so the chain can be run again, for other periods, without a new download. The downloaded files are kept even when a later step fails or the run is canceled; the download manifest is an output like the others.</source>
        <translation>该文件夹由您指定并会保留，不是临时文件夹。使用同一文件夹再次运行时只获取缺少的文件（完整的文件不会重复下载），因此可以针对其他时段再次运行处理流程而无需重新下载。即使后续步骤失败或运行被取消，已下载的文件也会保留；下载清单与其他输出一样是一个输出。</translation>
    </message>
    <message>
        <source>5 Chains</source>
        <translation>5 处理流程</translation>
    </message>
    <message>
        <source>1 Soil-moisture chain</source>
        <translation>1 土壤水分处理流程</translation>
    </message>
    <message>
        <source>2 Full chain</source>
        <translation>2 完整处理流程</translation>
    </message>
    <message>
        <source>3 Download and run chain 1</source>
        <translation>3 下载并运行流程 1</translation>
    </message>
    <message>
        <source>The files come from NASA GES DISC and need a free Earthdata Login account in which you have approved &apos;NASA GESDISC DATA ARCHIVE&apos;: give it in {AUTH}, or set the environment variables EARTHDATA_TOKEN (or EARTHDATA_USERNAME and EARTHDATA_PASSWORD), or ~/.netrc. For the 0.25 degree product, another version or a folder you already have, run &apos;Download input data&apos; (tsmv:download) and then the Soil-moisture chain (tsmv:soilmoisturechain).</source>
        <translation>这些文件来自 NASA GES DISC，需要一个已批准“NASA GESDISC DATA ARCHIVE”的免费 Earthdata Login 账户：在{AUTH} 中给出，或设置环境变量 EARTHDATA_TOKEN（或 EARTHDATA_USERNAME 和 EARTHDATA_PASSWORD），或使用 ~/.netrc。如需 0.25° 产品、其他版本，或已有数据文件夹，请先运行“下载输入数据”（tsmv:download），再运行土壤水分处理流程（tsmv:soilmoisturechain）。</translation>
    </message>
    <message>
        <source>To open it in the Graphical Modeler (Model &gt; Open Model...) and save it as a model of your own, take its file in the TSMV plugin folder: %s (the copies under models/&lt;language&gt;/ are labelled in that language).</source>
        <translation>如需在图形建模器中打开（模型 &gt; 打开模型...）并另存为你自己的模型，请使用 TSMV 插件文件夹中的模型文件：%s（models/&lt;语言&gt;/ 下的副本以该语言标注）。</translation>
    </message>
    <message>
        <source>%s (%d) is after %s (%d)</source>
        <translation>%s（%d）晚于 %s（%d）</translation>
    </message>
    <message>
        <source>%s..%s (%d-%d) has %d years; the trend step needs at least %d (MIN_YEARS of tsmv:trend)</source>
        <translation>%s..%s（%d-%d）只有 %d 年；趋势步骤至少需要 %d 年（tsmv:trend 的 MIN_YEARS）</translation>
    </message>
</context>
<context>
    <name>TsmvProvider</name>
    <message>
        <source>TSMV - total soil moisture variability (GLDAS-Noah)</source>
        <translation>TSMV - 总土壤水分变率（GLDAS-Noah）</translation>
    </message>
    <message>
        <source>TSMV could not load the model %s</source>
        <translation>TSMV 无法加载模型 %s</translation>
    </message>
</context>
<context>
    <name>Zonal</name>
    <message>
        <source>2 Summaries by polygon</source>
        <translation>2 按多边形汇总</translation>
    </message>
    <message>
        <source>Averages the maps of the chain over each polygon of the {INPUT_POLYGONS} (countries, basins, regions): the Sen&apos;s slope of the {TREND} and the share of the area drying, wetting and with a significant trend; optionally the contributions of the {ATTRIBUTION} and the correlations of the {CORRELATION}.</source>
        <translation>在 {INPUT_POLYGONS} 的每个多边形（国家、流域、区域）内对处理流程的各结果图求平均：{TREND} 的 Sen 斜率，以及变干、变湿和具有显著趋势的面积占比；还可选择给出 {ATTRIBUTION} 的贡献和 {CORRELATION} 的相关系数。</translation>
    </message>
    <message>
        <source>Choices made for you:</source>
        <translation>内置约定：</translation>
    </message>
    <message>
        <source>Each cell counts by the fraction of its area inside the polygon, computed exactly for polygons with straight edges in degrees (as exactextract does, Baston 2019), times the cosine of the latitude of its centre (its area, as in every TSMV mean). Small polygons thus get a mean of the cells they partly cover rather than none; holes and multipart polygons are honoured.</source>
        <translation>每个像元的权重为其面积落在多边形内的比例（对边在度坐标下为直线的多边形精确计算，与 exactextract 的做法相同，Baston 2019）乘以其中心纬度的余弦（即其面积，与 TSMV 中所有均值相同）。因此，小多边形也能得到其部分覆盖的像元的均值，而不会没有结果；多边形中的洞和多部件多边形均会正确处理。</translation>
    </message>
    <message>
        <source>Polygons in another CRS are transformed vertex by vertex to the rasters&apos; CRS (EPSG:4326), as QGIS&apos;s own zonal statistics does: an edge stays straight in degrees, so a long edge of a projected polygon may bend slightly away from where it lies in its own CRS (add vertices to follow it).</source>
        <translation>其他坐标参考系中的多边形会逐顶点转换到栅格的坐标参考系（EPSG:4326），与 QGIS 自带的分区统计相同：边在度坐标下保持为直线，因此投影多边形的长边可能略微偏离其在自身坐标参考系中的位置（可添加顶点以贴合原边）。</translation>
    </message>
    <message>
        <source>A polygon crossing the antimeridian may be split at 180 degrees (a multipolygon) or drawn as one ring with longitudes beyond 180 degrees: both give the same cells.</source>
        <translation>跨越反子午线的多边形既可以在 180 度处拆分（多部件多边形），也可以绘制为经度超过 180 度的单个环：两种方式得到的像元相同。</translation>
    </message>
    <message>
        <source>area_km2 is the area of the cells the polygon covers, each by its fraction, on a sphere of radius 6371.0088 km, with or without data; pixels is the number of cells it touches that have a slope. The means and percentages are over the area that has a value; a polygon without such a cell (over the sea, or outside the rasters) gets NaN, never 0 (NULL in the {OUTPUT_LAYER}).</source>
        <translation>area_km2 为多边形所覆盖像元的面积（各像元按其覆盖比例计，在半径 6371.0088 km 的球面上计算），无论有无数据；pixels 为其接触到的、具有斜率值的像元数。均值和百分比针对有值的面积计算；没有此类像元的多边形（位于海上或栅格范围之外）为 NaN，而不是 0（在 {OUTPUT_LAYER} 中为 NULL）。</translation>
    </message>
    <message>
        <source>percent_decreasing and percent_increasing are the shares of that area with a slope below and above 0; percent_significant the share where the band trend of the {TREND} is not 0 (significant at the ALPHA of the trend run).</source>
        <translation>percent_decreasing 和 percent_increasing 分别为该面积中斜率小于 0 和大于 0 的占比；percent_significant 为 {TREND} 的 trend 波段不为 0 的占比（即在趋势运行的 ALPHA 下显著）。</translation>
    </message>
    <message>
        <source>From the 32 COMPONENTS of the {ATTRIBUTION}: the mean contribution (%) of each season (rc_H_S ...), depth (rc_0_10 ...) and dynamic (rc_Trend, rc_IAV), each the sum of its components, and the component with the largest mean contribution over the polygon (dominant) with that contribution (dominant_percent). Given a BY_SEASON, BY_DEPTH or BY_DYNAMIC output instead, its means only.</source>
        <translation>由 {ATTRIBUTION} 的 32 个 COMPONENTS 计算：每个季节（rc_H_S ...）、深度（rc_0_10 ...）和动态类型（rc_Trend、rc_IAV）的平均贡献（%），各为其所含分量之和；以及多边形内平均贡献最大的分量（dominant）及其贡献（dominant_percent）。若给出的是 BY_SEASON、BY_DEPTH 或 BY_DYNAMIC 输出，则只给出其均值。</translation>
    </message>
    <message>
        <source>From the {CORRELATION}: the mean r of each season and depth (r_H_S_0_10 ...); with the {CORRELATION_P} of the same run, the percent of the area with an r where p is below the significance level the rasters record (0.05 when they record none): significant_H_S_0_10 ...</source>
        <translation>由 {CORRELATION} 计算：各季节和深度的平均 r（r_H_S_0_10 ...）；若同时给出同一运行的 {CORRELATION_P}，还给出有 r 值的面积中 p 低于栅格所记录显著性水平（未记录时取 0.05）的面积百分比：significant_H_S_0_10 ...</translation>
    </message>
    <message>
        <source>With the {ECOSYSTEMS}, every polygon gives five rows: All (the whole polygon) and the part of each ecosystem (Forests, Shrublands, Grasslands, Croplands: cells of codes 1-4), in the column ecosystem.</source>
        <translation>给出 {ECOSYSTEMS} 时，每个多边形输出五行，在 ecosystem 列中区分：All（整个多边形）以及各生态系统所占部分（Forests 森林、Shrublands 灌丛、Grasslands 草地、Croplands 农田：代码 1-4 的像元）。</translation>
    </message>
    <message>
        <source>The {OUTPUT_LAYER} is styled as a choropleth of mean_slope in 7 classes symmetric about 0 (red drying, blue wetting); a polygon without a value is not drawn.</source>
        <translation>{OUTPUT_LAYER} 渲染为 mean_slope 的分级设色图，分为关于 0 对称的 7 级（红色表示变干，蓝色表示变湿）；无值的多边形不绘制。</translation>
    </message>
    <message>
        <source>All rasters must be on the grid of the {TREND}.</source>
        <translation>所有栅格必须与 {TREND} 位于同一网格上。</translation>
    </message>
    <message>
        <source>Polygons</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Polygon layer in any CRS: the regions to summarise.</source>
        <translation>任意坐标参考系的多边形图层：要汇总的区域。</translation>
    </message>
    <message>
        <source>Name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <source>The field that names each polygon (the column name of the outputs). Empty: the feature id.</source>
        <translation>为每个多边形命名的字段（即输出中的 name 列）。留空：使用要素 ID。</translation>
    </message>
    <message>
        <source>Trend (from Sen&apos;s slope, Mann-Kendall)</source>
        <translation>趋势（来自 Sen 斜率与 Mann-Kendall 检验）</translation>
    </message>
    <message>
        <source>The OUTPUT of &apos;Sen&apos;s slope, Mann-Kendall&apos; (bands slope, ..., trend, read by name).</source>
        <translation>“Sen 斜率与 Mann-Kendall 检验”输出的 OUTPUT（波段 slope, ..., trend，按名称读取）。</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>The Components (32 bands) of &apos;Attribute TSM variability&apos;, or its contributions by season, by depth or by dynamic.</source>
        <translation>“总土壤水分变率归因”输出的分量贡献（32 个波段），或其各季节、各深度或各动态类型贡献。</translation>
    </message>
    <message>
        <source>Pearson r</source>
        <translation>皮尔逊 r</translation>
    </message>
    <message>
        <source>The Pearson r (16 bands) of &apos;Correlate with GPP&apos;.</source>
        <translation>“与 GPP 的相关分析”输出的皮尔逊 r（16 个波段）。</translation>
    </message>
    <message>
        <source>p-value of the Pearson r</source>
        <translation>皮尔逊 r 的 p 值</translation>
    </message>
    <message>
        <source>The p-value of the same run as the {CORRELATION}: adds the percent of the area where the correlation is significant.</source>
        <translation>与 {CORRELATION} 来自同一运行的 p 值：用于增加相关显著的面积百分比。</translation>
    </message>
    <message>
        <source>Ecosystems (from land cover)</source>
        <translation>生态系统（由土地覆盖划分）</translation>
    </message>
    <message>
        <source>The Ecosystems of &apos;Ecosystems from MCD12C1&apos; (codes 1-4): each polygon is also summarised by ecosystem.</source>
        <translation>“由 MCD12C1 划分生态系统”输出的“生态系统”（代码 1-4）：每个多边形还会按生态系统分别汇总。</translation>
    </message>
    <message>
        <source>Summaries by polygon (table)</source>
        <translation>按多边形汇总（表）</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>CSV, one row per polygon (and ecosystem): name, (ecosystem,) area_km2, pixels, mean_slope (the trend&apos;s units per year), percent_decreasing, percent_increasing, percent_significant (percent), then the columns of the optional inputs; NaN where a polygon has no value.</source>
        <translation>CSV，每个多边形（及生态系统）一行：name、（ecosystem、）area_km2、pixels、mean_slope（趋势的单位/年）、percent_decreasing、percent_increasing、percent_significant（百分比），随后为各可选输入的列；多边形无值处为 NaN。</translation>
    </message>
    <message>
        <source>Summaries by polygon (map)</source>
        <translation>按多边形汇总（地图）</translation>
    </message>
    <message>
        <source>GeoPackage of the polygons (in EPSG:4326) with the columns of the {OUTPUT}, styled by mean_slope.</source>
        <translation>多边形（EPSG:4326）的 GeoPackage，含 {OUTPUT} 的各列，按 mean_slope 渲染。</translation>
    </message>
    <message>
        <source>%s %s: cannot open it as a vector layer</source>
        <translation>%s %s：无法作为矢量图层打开</translation>
    </message>
    <message>
        <source>%s %s is not a field of %s</source>
        <translation>%s %s 不是 %s 的字段</translation>
    </message>
    <message>
        <source>%s: the polygon %s cannot be transformed to EPSG:4326 (%s)</source>
        <translation>%s：多边形 %s 无法转换到 EPSG:4326（%s）</translation>
    </message>
    <message>
        <source>%s: %s is not a polygon</source>
        <translation>%s：%s 不是多边形</translation>
    </message>
    <message>
        <source>%d polygons read</source>
        <translation>已读取 %d 个多边形</translation>
    </message>
</context>
</TS>
