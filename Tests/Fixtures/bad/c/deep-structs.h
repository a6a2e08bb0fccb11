#include <linux/types.h>

struct kept {
	__u32 a;
	__u64 b;
};

struct n0 {
struct n1 {
struct n2 {
struct n3 {
struct n4 {
struct n5 {
struct n6 {
struct n7 {
struct n8 {
struct n9 {
struct n10 {
struct n11 {
struct n12 {
struct n13 {
struct n14 {
struct n15 {
struct n16 {
struct n17 {
struct n18 {
struct n19 {
struct n20 {
struct n21 {
struct n22 {
struct n23 {
struct n24 {
struct n25 {
struct n26 {
struct n27 {
struct n28 {
struct n29 {
struct n30 {
struct n31 {
struct n32 {
struct n33 {
struct n34 {
struct n35 {
struct n36 {
struct n37 {
struct n38 {
struct n39 {
struct n40 {
struct n41 {
struct n42 {
struct n43 {
struct n44 {
struct n45 {
struct n46 {
struct n47 {
struct n48 {
struct n49 {
struct n50 {
struct n51 {
struct n52 {
struct n53 {
struct n54 {
struct n55 {
struct n56 {
struct n57 {
struct n58 {
struct n59 {
struct n60 {
struct n61 {
struct n62 {
struct n63 {
struct n64 {
struct n65 {
struct n66 {
struct n67 {
struct n68 {
struct n69 {
struct n70 {
struct n71 {
struct n72 {
struct n73 {
struct n74 {
struct n75 {
struct n76 {
struct n77 {
struct n78 {
struct n79 {
struct n80 {
struct n81 {
struct n82 {
struct n83 {
struct n84 {
struct n85 {
struct n86 {
struct n87 {
struct n88 {
struct n89 {
struct n90 {
struct n91 {
struct n92 {
struct n93 {
struct n94 {
struct n95 {
struct n96 {
struct n97 {
struct n98 {
struct n99 {
struct n100 {
struct n101 {
struct n102 {
struct n103 {
struct n104 {
struct n105 {
struct n106 {
struct n107 {
struct n108 {
struct n109 {
struct n110 {
struct n111 {
struct n112 {
struct n113 {
struct n114 {
struct n115 {
struct n116 {
struct n117 {
struct n118 {
struct n119 {
struct n120 {
struct n121 {
struct n122 {
struct n123 {
struct n124 {
struct n125 {
struct n126 {
struct n127 {
struct n128 {
struct n129 {
struct n130 {
struct n131 {
struct n132 {
struct n133 {
struct n134 {
struct n135 {
struct n136 {
struct n137 {
struct n138 {
struct n139 {
struct n140 {
struct n141 {
struct n142 {
struct n143 {
struct n144 {
struct n145 {
struct n146 {
struct n147 {
struct n148 {
struct n149 {
struct n150 {
struct n151 {
struct n152 {
struct n153 {
struct n154 {
struct n155 {
struct n156 {
struct n157 {
struct n158 {
struct n159 {
struct n160 {
struct n161 {
struct n162 {
struct n163 {
struct n164 {
struct n165 {
struct n166 {
struct n167 {
struct n168 {
struct n169 {
struct n170 {
struct n171 {
struct n172 {
struct n173 {
struct n174 {
struct n175 {
struct n176 {
struct n177 {
struct n178 {
struct n179 {
struct n180 {
struct n181 {
struct n182 {
struct n183 {
struct n184 {
struct n185 {
struct n186 {
struct n187 {
struct n188 {
struct n189 {
struct n190 {
struct n191 {
struct n192 {
struct n193 {
struct n194 {
struct n195 {
struct n196 {
struct n197 {
struct n198 {
struct n199 {
struct n200 {
struct n201 {
struct n202 {
struct n203 {
struct n204 {
struct n205 {
struct n206 {
struct n207 {
struct n208 {
struct n209 {
struct n210 {
struct n211 {
struct n212 {
struct n213 {
struct n214 {
struct n215 {
struct n216 {
struct n217 {
struct n218 {
struct n219 {
struct n220 {
struct n221 {
struct n222 {
struct n223 {
struct n224 {
struct n225 {
struct n226 {
struct n227 {
struct n228 {
struct n229 {
struct n230 {
struct n231 {
struct n232 {
struct n233 {
struct n234 {
struct n235 {
struct n236 {
struct n237 {
struct n238 {
struct n239 {
struct n240 {
struct n241 {
struct n242 {
struct n243 {
struct n244 {
struct n245 {
struct n246 {
struct n247 {
struct n248 {
struct n249 {
struct n250 {
struct n251 {
struct n252 {
struct n253 {
struct n254 {
struct n255 {
struct n256 {
struct n257 {
struct n258 {
struct n259 {
__u32 x;
} m259;
} m258;
} m257;
} m256;
} m255;
} m254;
} m253;
} m252;
} m251;
} m250;
} m249;
} m248;
} m247;
} m246;
} m245;
} m244;
} m243;
} m242;
} m241;
} m240;
} m239;
} m238;
} m237;
} m236;
} m235;
} m234;
} m233;
} m232;
} m231;
} m230;
} m229;
} m228;
} m227;
} m226;
} m225;
} m224;
} m223;
} m222;
} m221;
} m220;
} m219;
} m218;
} m217;
} m216;
} m215;
} m214;
} m213;
} m212;
} m211;
} m210;
} m209;
} m208;
} m207;
} m206;
} m205;
} m204;
} m203;
} m202;
} m201;
} m200;
} m199;
} m198;
} m197;
} m196;
} m195;
} m194;
} m193;
} m192;
} m191;
} m190;
} m189;
} m188;
} m187;
} m186;
} m185;
} m184;
} m183;
} m182;
} m181;
} m180;
} m179;
} m178;
} m177;
} m176;
} m175;
} m174;
} m173;
} m172;
} m171;
} m170;
} m169;
} m168;
} m167;
} m166;
} m165;
} m164;
} m163;
} m162;
} m161;
} m160;
} m159;
} m158;
} m157;
} m156;
} m155;
} m154;
} m153;
} m152;
} m151;
} m150;
} m149;
} m148;
} m147;
} m146;
} m145;
} m144;
} m143;
} m142;
} m141;
} m140;
} m139;
} m138;
} m137;
} m136;
} m135;
} m134;
} m133;
} m132;
} m131;
} m130;
} m129;
} m128;
} m127;
} m126;
} m125;
} m124;
} m123;
} m122;
} m121;
} m120;
} m119;
} m118;
} m117;
} m116;
} m115;
} m114;
} m113;
} m112;
} m111;
} m110;
} m109;
} m108;
} m107;
} m106;
} m105;
} m104;
} m103;
} m102;
} m101;
} m100;
} m99;
} m98;
} m97;
} m96;
} m95;
} m94;
} m93;
} m92;
} m91;
} m90;
} m89;
} m88;
} m87;
} m86;
} m85;
} m84;
} m83;
} m82;
} m81;
} m80;
} m79;
} m78;
} m77;
} m76;
} m75;
} m74;
} m73;
} m72;
} m71;
} m70;
} m69;
} m68;
} m67;
} m66;
} m65;
} m64;
} m63;
} m62;
} m61;
} m60;
} m59;
} m58;
} m57;
} m56;
} m55;
} m54;
} m53;
} m52;
} m51;
} m50;
} m49;
} m48;
} m47;
} m46;
} m45;
} m44;
} m43;
} m42;
} m41;
} m40;
} m39;
} m38;
} m37;
} m36;
} m35;
} m34;
} m33;
} m32;
} m31;
} m30;
} m29;
} m28;
} m27;
} m26;
} m25;
} m24;
} m23;
} m22;
} m21;
} m20;
} m19;
} m18;
} m17;
} m16;
} m15;
} m14;
} m13;
} m12;
} m11;
} m10;
} m9;
} m8;
} m7;
} m6;
} m5;
} m4;
} m3;
} m2;
} m1;
};

struct after {
	__u32 c;
};
